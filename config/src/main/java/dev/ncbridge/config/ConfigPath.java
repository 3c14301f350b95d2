package dev.ncbridge.config;

/**
 * Key paths as users read them: {@code sinks.kafka.acks}, {@code routes[1].to}. The same string
 * keys the line table of a {@link LocatedTree}, so a path found while binding leads to its line.
 */
public final class ConfigPath {
    private ConfigPath() {
    }

    public static String field(String parent, String name) {
        return parent.isEmpty() ? name : parent + "." + name;
    }

    public static String index(String parent, int index) {
        return parent + "[" + index + "]";
    }

    /** The enclosing path, or "" at the top. */
    static String parent(String path) {
        int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        return cut < 0 ? "" : path.substring(0, cut);
    }
}
