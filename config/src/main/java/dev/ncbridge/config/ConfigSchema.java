package dev.ncbridge.config;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The JSON Schema of the configuration, made from the same records and value types the loader
 * binds, so that a key added to a settings record is in the schema without more code. Editors
 * read the published copy, docs/ncbridge.schema.json, to complete and check files.
 */
public final class ConfigSchema {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ConfigSchema() {
    }

    /**
     * The schema of a whole file.
     *
     * @param sink the schema of one entry of {@code sinks}, whose keys depend on its type
     * @param route the schema of one entry of {@code routes}
     */
    public static ObjectNode document(ObjectNode sink, ObjectNode route) {
        ObjectNode doc = NODES.objectNode();
        doc.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        doc.put("title", "ncbridge configuration");
        doc.put("description", "Every key is described in docs/configuration.md. Generated from the code by"
                + " ConfigSchemaTest; do not edit.");
        ObjectNode top = forType(NcbridgeConfig.class, Set.of("origin"));
        ObjectNode properties = (ObjectNode) top.get("properties");
        properties.set("sinks", NODES.objectNode().put("type", "object").set("additionalProperties", sink));
        properties.set("routes", NODES.objectNode().put("type", "array").set("items", route));
        doc.setAll(top);
        return doc;
    }

    /** The schema of a settings record, list, map or value type, as {@link ConfigBinder} reads it. */
    public static ObjectNode forType(Type type) {
        return forType(type, Set.of());
    }

    private static ObjectNode forType(Type type, Set<String> leaveOut) {
        Class<?> raw = ConfigBinder.raw(type);
        if (ScalarValues.isScalar(raw)) {
            return ScalarValues.schema(raw);
        }
        if (raw.isRecord()) {
            ObjectNode s = NODES.objectNode().put("type", "object");
            ObjectNode properties = s.putObject("properties");
            for (RecordComponent c : raw.getRecordComponents()) {
                String key = ConfigBinder.keyOf(c);
                if (!leaveOut.contains(key)) {
                    properties.set(key, forType(c.getGenericType()));
                }
            }
            return s.put("additionalProperties", false);
        }
        if (List.class.isAssignableFrom(raw) || Set.class.isAssignableFrom(raw)) {
            return NODES.objectNode().put("type", "array").set("items", element(ConfigBinder.argument(type, 0)));
        }
        if (Map.class.isAssignableFrom(raw)) {
            return NODES.objectNode().put("type", "object").set("additionalProperties",
                    element(ConfigBinder.argument(type, 1)));
        }
        throw new IllegalStateException(type + " is not a configuration value type; see ScalarValues");
    }

    /** Sinks and routes are sections their owners bind: the document gives their schemas. */
    private static ObjectNode element(Type type) {
        return type == ConfigSection.class ? NODES.objectNode() : forType(type);
    }
}
