package dev.ncbridge.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads YAML into a tree while noting the line of every key and list item. Duplicate keys are
 * errors: YAML parsers silently keep the last one, which hides a typo'd second sink.
 */
final class YamlTreeReader {
    private static final YAMLFactory YAML = new YAMLFactory();
    private final JsonNodeFactory nodes = JsonNodeFactory.instance;
    private final Map<String, Integer> lines = new HashMap<>();
    private final List<ConfigProblem> duplicates;
    private final String origin;

    private YamlTreeReader(String origin, List<ConfigProblem> duplicates) {
        this.origin = origin;
        this.duplicates = duplicates;
    }

    /**
     * The tree, with the first of duplicate keys; each duplicate is added to {@code duplicates}, so
     * that the rest of the file is still checked.
     *
     * @throws ConfigException when the text is not YAML, or not a mapping at the top
     */
    static LocatedTree read(String origin, String text, List<ConfigProblem> duplicates) {
        YamlTreeReader reader = new YamlTreeReader(origin, duplicates);
        try (JsonParser p = YAML.createParser(text)) {
            JsonToken first = p.nextToken();
            JsonNode root = first == null ? reader.nodes.objectNode() : reader.value(p, "");
            if (!root.isObject()) {
                throw new ConfigException(new ConfigProblem(origin, "", line(p), "the top level must be a mapping of keys"));
            }
            return new LocatedTree(origin, root, reader.lines);
        } catch (JsonProcessingException e) {
            throw new ConfigException(yamlProblem(origin, e));
        } catch (IOException e) {
            throw new ConfigException(new ConfigProblem(origin, "", 0, "cannot read: " + IoErrors.describe(e)));
        }
    }

    /** SnakeYAML's reason on one line, at the line of the problem, without the excerpt and caret it adds. */
    private static ConfigProblem yamlProblem(String origin, JsonProcessingException e) {
        if (e.getCause() instanceof MarkedYAMLException m && m.getProblem() != null && m.getProblemMark() != null) {
            String reason = m.getContext() == null ? m.getProblem() : m.getContext() + ": " + m.getProblem();
            return new ConfigProblem(origin, "", m.getProblemMark().getLine() + 1, "not valid YAML: " + reason);
        }
        int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
        return new ConfigProblem(origin, "", line, "not valid YAML: "
                + e.getOriginalMessage().lines().findFirst().orElse(""));
    }

    private JsonNode value(JsonParser p, String path) throws IOException {
        lines.putIfAbsent(path, line(p));
        switch (p.currentToken()) {
            case START_OBJECT:
                return object(p, path);
            case START_ARRAY:
                return array(p, path);
            case VALUE_STRING:
                return nodes.textNode(p.getText());
            case VALUE_NUMBER_INT:
                return nodes.numberNode(p.getBigIntegerValue());
            case VALUE_NUMBER_FLOAT:
                return nodes.numberNode(p.getDecimalValue());
            case VALUE_TRUE:
                return nodes.booleanNode(true);
            case VALUE_FALSE:
                return nodes.booleanNode(false);
            case VALUE_NULL:
                return nodes.nullNode();
            default:
                throw new ConfigException(new ConfigProblem(origin, path, line(p), "unexpected " + p.currentToken()));
        }
    }

    private ObjectNode object(JsonParser p, String path) throws IOException {
        ObjectNode node = nodes.objectNode();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            String keyPath = ConfigPath.field(path, key);
            if (node.has(key)) {
                duplicates.add(new ConfigProblem(origin, keyPath, line(p),
                        "duplicate key (first at line " + lines.get(keyPath) + ")"));
                p.nextToken();
                p.skipChildren();
                continue;
            }
            lines.put(keyPath, line(p));
            p.nextToken();
            node.set(key, value(p, keyPath));
        }
        return node;
    }

    private ArrayNode array(JsonParser p, String path) throws IOException {
        ArrayNode node = nodes.arrayNode();
        for (int i = 0; p.nextToken() != JsonToken.END_ARRAY; i++) {
            node.add(value(p, ConfigPath.index(path, i)));
        }
        return node;
    }

    private static int line(JsonParser p) {
        return p.currentTokenLocation().getLineNr();
    }
}
