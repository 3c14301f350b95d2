package dev.ncbridge.sink.template;

import dev.ncbridge.ingest.record.AddressText;
import dev.ncbridge.ingest.record.Extended;
import dev.ncbridge.ingest.record.Facility;
import dev.ncbridge.ingest.record.Record;
import dev.ncbridge.ingest.record.Severity;
import java.util.LinkedHashMap;
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

    private static Map<String, Function<Record, String>> fields() {
        Map<String, Function<Record, String>> f = new LinkedHashMap<>();
        f.put("host", Record::hostName);
        f.put("ip", r -> AddressText.of(r.source()));
        f.put("level", r -> Extended.of(r) != null ? Severity.ofCode(Extended.of(r).level()).keyword() : "none");
        f.put("facility", r -> Extended.of(r) != null ? Facility.name(Extended.of(r).facility()) : "none");
        f.put("kind", Record::kind);
        return f;
    }
}
