package dev.ncbridge.config;

/** Where plugin jars are loaded from; a missing directory means no plugins. */
public record PluginSettings(String dir) {
    public PluginSettings {
        dir = dir == null ? "plugins" : dir;
    }

    static PluginSettings defaults() {
        return new PluginSettings(null);
    }
}
