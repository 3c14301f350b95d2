package dev.ncbridge.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Replaces {@code ${NAME}}, {@code ${NAME:-default}} and {@code ${file:/path}} in string values,
 * so secrets stay out of the file. {@code $${} stands for a literal {@code ${}. An undefined
 * variable without a default, or an unreadable file, is an error at its key: starting with an
 * empty password is worse than not starting.
 */
public final class Substitution {
    /** Secrets are keys, passwords and certificates: a few KiB. */
    private static final int MAX_FILE_BYTES = 1 << 20;

    private final Function<String, String> environment;

    public Substitution(Function<String, String> environment) {
        this.environment = environment;
    }

    public static Substitution fromSystem() {
        return new Substitution(System::getenv);
    }

    /** Substitutes in place; returns the problems found. */
    List<ConfigProblem> apply(LocatedTree tree) {
        List<ConfigProblem> problems = new ArrayList<>();
        walk(tree, tree.root(), "", problems);
        return problems;
    }

    private void walk(LocatedTree tree, JsonNode node, String path, List<ConfigProblem> problems) {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                String fieldPath = ConfigPath.field(path, field.getKey());
                JsonNode replaced = substituted(tree, field.getValue(), fieldPath, problems);
                if (replaced != null) {
                    field.setValue(replaced);
                } else {
                    walk(tree, field.getValue(), fieldPath, problems);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                String itemPath = ConfigPath.index(path, i);
                JsonNode replaced = substituted(tree, array.get(i), itemPath, problems);
                if (replaced != null) {
                    array.set(i, replaced);
                } else {
                    walk(tree, array.get(i), itemPath, problems);
                }
            }
        }
    }

    private JsonNode substituted(LocatedTree tree, JsonNode node, String path, List<ConfigProblem> problems) {
        if (!node.isTextual() || !node.textValue().contains("${")) {
            return null;
        }
        try {
            return TextNode.valueOf(expand(node.textValue()));
        } catch (IllegalArgumentException e) {
            problems.add(tree.problem(path, e.getMessage()));
            return null;
        }
    }

    /** Expands every reference in {@code text}; throws with a user-facing message on failure. */
    public String expand(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            int start = text.indexOf("${", i);
            if (start < 0) {
                out.append(text, i, text.length());
                break;
            }
            if (start > 0 && text.charAt(start - 1) == '$') {
                out.append(text, i, start - 1).append("${");
                i = start + 2;
                continue;
            }
            int end = text.indexOf('}', start);
            if (end < 0) {
                throw new IllegalArgumentException("unclosed ${ in \"" + text + "\"");
            }
            out.append(text, i, start).append(resolve(text.substring(start + 2, end)));
            i = end + 1;
        }
        return out.toString();
    }

    private String resolve(String reference) {
        if (reference.startsWith("file:")) {
            return readFile(reference.substring(5));
        }
        int dflt = reference.indexOf(":-");
        String name = dflt < 0 ? reference : reference.substring(0, dflt);
        if (name.isEmpty()) {
            throw new IllegalArgumentException("empty variable name in ${" + reference + "}");
        }
        String value = environment.apply(name);
        if (value != null) {
            return value;
        }
        if (dflt >= 0) {
            return reference.substring(dflt + 2);
        }
        throw new IllegalArgumentException("environment variable " + name
                + " is not set (write ${" + name + ":-default} to give a default)");
    }

    /** The file's content without its final newline, since secret files usually end with one. */
    private static String readFile(String file) {
        try {
            String content = SmallFiles.read(Path.of(file), MAX_FILE_BYTES);
            return content.endsWith("\n") ? content.substring(0, content.length() - 1) : content;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read ${file:" + file + "}: " + IoErrors.describe(e));
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("cannot read ${file:" + file + "}: not a valid path");
        }
    }
}
