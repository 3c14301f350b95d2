package dev.ncbridge.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * A parsed YAML document and the line of every key and item in it. Jackson's trees keep no
 * locations, and an error that cannot say where it is sends users hunting through the file.
 */
public final class LocatedTree {
    private final String origin;
    private final JsonNode root;
    private final Map<String, Integer> lines;

    LocatedTree(String origin, JsonNode root, Map<String, Integer> lines) {
        this.origin = origin;
        this.root = root;
        this.lines = lines;
    }

    public String origin() {
        return origin;
    }

    public JsonNode root() {
        return root;
    }

    /** The line of {@code path}, or of its nearest enclosing key when it has none (a missing key). */
    public int lineOf(String path) {
        for (String p = path; ; p = ConfigPath.parent(p)) {
            Integer line = lines.get(p);
            if (line != null) {
                return line;
            }
            if (p.isEmpty()) {
                return 0;
            }
        }
    }

    public ConfigProblem problem(String path, String message) {
        return new ConfigProblem(origin, path, lineOf(path), message);
    }
}
