package dev.ncbridge.sink.elasticsearch;

import co.elastic.clients.elasticsearch._types.mapping.Property;
import co.elastic.clients.elasticsearch._types.mapping.TypeMapping;
import java.util.Map;
import java.util.TreeMap;

/** A mapping as field path to type ({@code netconsole.seq -> long}), objects flattened into their fields. */
final class MappingPaths {
    private MappingPaths() {
    }

    static Map<String, String> of(TypeMapping mapping) {
        Map<String, String> paths = new TreeMap<>();
        collect("", mapping.properties(), paths);
        return paths;
    }

    private static void collect(String prefix, Map<String, Property> properties, Map<String, String> paths) {
        for (Map.Entry<String, Property> e : properties.entrySet()) {
            String path = prefix + e.getKey();
            Property p = e.getValue();
            if (p.isObject()) {
                collect(path + ".", p.object().properties(), paths);
            } else {
                paths.put(path, p._kind().jsonValue());
            }
        }
    }
}
