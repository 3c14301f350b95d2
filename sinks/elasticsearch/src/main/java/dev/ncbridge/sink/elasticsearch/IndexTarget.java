package dev.ncbridge.sink.elasticsearch;

import dev.ncbridge.ingest.record.Record;
import dev.ncbridge.sink.template.Template;
import java.time.ZoneOffset;

/**
 * Where a record is indexed: one data stream, or an index named from a template of the record's
 * fields and the UTC date it was received ({@code netconsole-{host}-{yyyy}.{MM}.{dd}}). Also names
 * the index template that gives those indices their mappings, and the patterns it applies to.
 */
final class IndexTarget {
    /** The data stream's name, or null when indices are named by {@link #index}. */
    private final String dataStream;
    private final Template index;

    private IndexTarget(String dataStream, Template index) {
        this.dataStream = dataStream;
        this.index = index;
    }

    /**
     * A data stream of this exact name.
     *
     * @throws IllegalArgumentException saying what is wrong with the name
     */
    static IndexTarget dataStream(String name) {
        new IndexNameSanitizer().checkFixedText(name, name);
        if (name.isEmpty()) {
            throw new IllegalArgumentException("must not be empty");
        }
        IndexNameSanitizer.checkStart(name);
        return new IndexTarget(name, null);
    }

    /**
     * Indices named by a template ({@code docs/templates.md}), its date parts in UTC.
     *
     * @throws IllegalArgumentException saying what is wrong with the template
     */
    static IndexTarget indexTemplate(String template) {
        return new IndexTarget(null, Template.parse(template, new IndexNameSanitizer(), ZoneOffset.UTC));
    }

    boolean isDataStream() {
        return dataStream != null;
    }

    /** The index or data stream this record goes to. */
    String indexFor(Record record) {
        return isDataStream() ? dataStream : index.render(record);
    }

    /** The pattern an index template needs to cover every name this target makes. */
    String templatePattern() {
        return isDataStream() ? dataStream : index.pattern("*");
    }

    /**
     * The name of the index template this sink manages: one per target, so that sinks writing to
     * different targets never overwrite each other's template.
     */
    String templateName() {
        String prefix = isDataStream() ? dataStream : index.prefix();
        int end = prefix.length();
        while (end > 1 && "-._".indexOf(prefix.charAt(end - 1)) >= 0) {
            end--;
        }
        return "ncbridge-" + prefix.substring(0, end);
    }

    @Override
    public String toString() {
        return isDataStream() ? "data stream " + dataStream : "index " + index;
    }
}
