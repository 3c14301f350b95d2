package dev.ncbridge.sink.template;

import dev.ncbridge.ingest.record.Field;
import dev.ncbridge.ingest.record.Fields;
import dev.ncbridge.ingest.record.Record;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The record fields a template may name, and how each is read from a record. The only place that
 * knows them: the template engine and its documentation follow this list.
 */
final class TemplateFields {
    private static final Map<String, Function<Record, String>> FIELDS = fields();

    private TemplateFields() {
    }

    /** How to read the field {@code name}, or null when there is no such field. */
    static Function<Record, String> named(String name) {
        return FIELDS.get(name);
    }

    /** The field names, in the order the documentation lists them. */
    static Set<String> names() {
        return FIELDS.keySet();
    }

    /**
     * The catalogue's fields a template may name. A record without the value (a legacy line has no
     * level, a message no crash time) gives {@code none}, so a path or topic never has an empty part.
     */
    private static Map<String, Function<Record, String>> fields() {
        Map<String, Function<Record, String>> f = new LinkedHashMap<>();
        for (Field field : List.of(Fields.HOST, Fields.IP, Fields.LEVEL, Fields.FACILITY, Fields.KIND,
                Fields.CRASH_TIME)) {
            f.put(field.name(), r -> {
                String text = field.text(r);
                return text != null ? text : "none";
            });
        }
        return f;
    }
}
