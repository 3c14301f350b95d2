package dev.ncbridge.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;

/**
 * One part of the configuration (a sink's settings, a route) with what it takes to report a
 * problem at the right line. Sinks get their section and bind it to their own settings record,
 * so every sink's keys are checked as strictly as the core's.
 */
public final class ConfigSection {
    private final LocatedTree tree;
    private final String path;
    private final JsonNode node;
    /** Keys taken out by {@link #without}: still valid here, so named when another key is unknown. */
    private final Set<String> otherKnownKeys;

    ConfigSection(LocatedTree tree, String path, JsonNode node) {
        this(tree, path, node, Set.of());
    }

    private ConfigSection(LocatedTree tree, String path, JsonNode node, Set<String> otherKnownKeys) {
        this.tree = tree;
        this.path = path;
        this.node = node;
        this.otherKnownKeys = otherKnownKeys;
    }

    public String path() {
        return path;
    }

    public JsonNode node() {
        return node;
    }

    /** Binds this section; unknown keys and bad values throw a {@link ConfigException} at their line. */
    public <T> T bind(Class<T> type) {
        return ConfigBinder.bind(tree, path, node, type, otherKnownKeys);
    }

    /** The same section with some keys left out, for binding the rest to a narrower type. */
    public ConfigSection without(Set<String> keys) {
        if (!node.isObject()) {
            return this;
        }
        ObjectNode copy = ((ObjectNode) node).deepCopy();
        copy.remove(keys);
        Set<String> known = new java.util.HashSet<>(otherKnownKeys);
        known.addAll(keys);
        return new ConfigSection(tree, path, copy, Set.copyOf(known));
    }

    /** Only the given keys of this section. */
    public ConfigSection only(Set<String> keys) {
        if (!node.isObject()) {
            return this;
        }
        ObjectNode copy = ((ObjectNode) node).deepCopy();
        copy.retain(keys);
        return new ConfigSection(tree, path, copy);
    }

    public ConfigSection child(String key) {
        return new ConfigSection(tree, ConfigPath.field(path, key), node.path(key));
    }

    public ConfigSection item(int index) {
        return new ConfigSection(tree, ConfigPath.index(path, index), node.path(index));
    }

    /** A problem at this section, or at {@code key} within it when not null. */
    public ConfigProblem problem(String key, String message) {
        return tree.problem(key == null ? path : ConfigPath.field(path, key), message);
    }
}
