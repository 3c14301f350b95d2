package dev.ncbridge.sink.encode;

import dev.ncbridge.ingest.record.Field;
import dev.ncbridge.ingest.record.Record;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The json encoding of records of one type that have one set of fields: everything between
 * two values (braces, commas, keys, the opening of nested objects) is known in advance and
 * merged into one chunk, so a record is written as a chunk and a value per field. Writing the
 * same bytes member by member, with a comma check and a key per member and objects taken back
 * when nothing went into them, costs about twice as much (docs/performance.md): on the hot
 * path, the many small copies are the cost, not the few large ones. The writing itself is
 * {@linkplain GeneratedJson generated code}. Immutable.
 */
final class JsonLayout {
    private final Writer writer;

    private JsonLayout(Writer writer) {
        this.writer = writer;
    }

    /**
     * The layout of the members of {@code root} that {@code present} holds, nested as in the
     * tree, for records of {@code sample}'s class: the values {@linkplain Field.Text#isFixedPerType
     * fixed per class} are taken from {@code sample} and become part of the chunks.
     */
    static JsonLayout of(JsonRecordEncoder.Member[] root, Predicate<Field> present, Record sample) {
        Builder b = new Builder(present, sample);
        b.object(root);
        return new JsonLayout(GeneratedJson.writer(b.chunks(), b.fields()));
    }

    /**
     * Writes {@code r} after whatever {@code out} holds. Returns false when a field this layout
     * has wrote nothing, which only a record of another set of fields does: then {@code out}
     * holds a broken document, to be reset and written otherwise.
     */
    boolean write(Record r, JsonBuffer out) {
        return writer.write(r, out);
    }

    /** What a layout's generated class implements: {@link JsonLayout#write}. */
    interface Writer {
        boolean write(Record r, JsonBuffer out);
    }

    /** Walks the tree, cutting the text between values into chunks. */
    private static final class Builder {
        private final Predicate<Field> present;
        private final Record sample;
        private final ByteArrayOutputStream chunk = new ByteArrayOutputStream();
        private final List<byte[]> chunks = new ArrayList<>();
        private final List<Field> fields = new ArrayList<>();

        Builder(Predicate<Field> present, Record sample) {
            this.present = present;
            this.sample = sample;
        }

        /** Writes {@code {}, the members that have something, and {@code }}. */
        void object(JsonRecordEncoder.Member[] members) {
            chunk.write('{');
            boolean first = true;
            for (JsonRecordEncoder.Member m : members) {
                if (!has(m)) {
                    continue;
                }
                if (!first) {
                    chunk.write(',');
                }
                first = false;
                chunk.writeBytes(m.key());
                if (isFixed(m.field())) {
                    chunk.writeBytes(JsonBuffer.value(m.field(), sample));
                } else if (m.field() != null) {
                    chunks.add(chunk.toByteArray());
                    chunk.reset();
                    fields.add(m.field());
                } else {
                    object(m.children());
                }
            }
            chunk.write('}');
        }

        /** Whether the member is a present field or an object with one somewhere inside. */
        private boolean has(JsonRecordEncoder.Member m) {
            if (isFixed(m.field())) {
                return m.field().isPresent(sample);
            }
            if (m.field() != null) {
                return present.test(m.field());
            }
            for (JsonRecordEncoder.Member child : m.children()) {
                if (has(child)) {
                    return true;
                }
            }
            return false;
        }

        private static boolean isFixed(Field field) {
            return field instanceof Field.Text text && text.isFixedPerType();
        }

        /** The text before each field's value, and after the last. */
        byte[][] chunks() {
            List<byte[]> all = new ArrayList<>(chunks);
            all.add(chunk.toByteArray());
            return all.toArray(new byte[0][]);
        }

        Field[] fields() {
            return fields.toArray(new Field[0]);
        }
    }
}
