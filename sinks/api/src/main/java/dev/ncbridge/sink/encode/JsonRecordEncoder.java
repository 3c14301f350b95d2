package dev.ncbridge.sink.encode;

import dev.ncbridge.ingest.record.Field;
import dev.ncbridge.ingest.record.Fields;
import dev.ncbridge.ingest.record.Record;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The default encoding: one JSON object per record with the Elastic Common Schema names of the
 * {@linkplain Fields field catalogue}, nested by their dotted paths, in catalogue order (field
 * reference in docs/encodings.md). Absent values are omitted, never written as {@code null},
 * and so is an object left empty. Thread-safe: the only state is a buffer per thread.
 *
 * <p>This is the hot path of every sink. The catalogue is turned into a tree of members with
 * pre-encoded keys once per record type, holding only the fields that {@linkplain
 * Field#appliesTo apply} to it (a kernel message's tree has no crash or event fields), and each
 * record is written into the calling thread's reused {@link JsonBuffer}, then copied to the
 * stream in one write.
 */
public final class JsonRecordEncoder implements RecordEncoder {
    static final String NAME = "json";

    private static final ThreadLocal<JsonBuffer> BUFFERS = ThreadLocal.withInitial(JsonBuffer::new);
    private static final Plans WITHOUT_ORIGINAL = new Plans(false);
    private static final Plans WITH_ORIGINAL = new Plans(true);

    private final Plans plans;

    /** The encoding without {@code event.original}. */
    public JsonRecordEncoder() {
        this(false);
    }

    /** @param original whether to write the message as received, as {@code event.original} */
    public JsonRecordEncoder(boolean original) {
        this.plans = original ? WITH_ORIGINAL : WITHOUT_ORIGINAL;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void encode(Record r, OutputStream out) throws IOException {
        JsonBuffer buffer = BUFFERS.get();
        buffer.reset();
        buffer.startDocument();
        write(plans.get(r.getClass()), r, buffer);
        buffer.endDocument();
        out.write(buffer.array(), 0, buffer.length());
    }

    @Override
    public byte[] encode(Record record) {
        JsonBuffer buffer = BUFFERS.get();
        try {
            encode(record, OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new IllegalStateException("the null stream cannot fail", e);
        }
        return Arrays.copyOf(buffer.array(), buffer.length());
    }

    private static void write(Member[] members, Record r, JsonBuffer out) {
        for (Member m : members) {
            if (m.field != null) {
                out.member(m.key);
                m.field.write(r, out);
            } else {
                int mark = out.startObject(m.key);
                write(m.children, r, out);
                out.endObject(mark);
            }
        }
    }

    /**
     * The catalogue's fields for one record type as a tree: a path's first part is a member of
     * the document, the rest nest inside it, and each object sits where its first field is in the
     * catalogue.
     */
    private static Member[] plan(boolean original, Class<? extends Record> type) {
        Map<String, Object> root = new LinkedHashMap<>();
        for (Field f : Fields.all()) {
            if (!f.appliesTo(type) || f == Fields.RAW && !original) {
                continue;
            }
            String[] parts = f.path().split("\\.");
            Map<String, Object> node = root;
            for (int i = 0; i < parts.length - 1; i++) {
                @SuppressWarnings("unchecked")
                Map<String, Object> child = (Map<String, Object>) node.computeIfAbsent(parts[i],
                        k -> new LinkedHashMap<String, Object>());
                node = child;
            }
            node.put(parts[parts.length - 1], f);
        }
        return members(root);
    }

    private static Member[] members(Map<String, Object> node) {
        List<Member> members = new ArrayList<>();
        node.forEach((name, value) -> {
            if (value instanceof Field f) {
                members.add(new Member(JsonBuffer.key(name), f, null));
            } else {
                @SuppressWarnings("unchecked")
                Map<String, Object> child = (Map<String, Object>) value;
                members.add(new Member(JsonBuffer.key(name), null, members(child)));
            }
        });
        return members.toArray(new Member[0]);
    }

    /** The tree of each record type, made on first use. */
    private static final class Plans extends ClassValue<Member[]> {
        private final boolean original;

        Plans(boolean original) {
            this.original = original;
        }

        @Override
        protected Member[] computeValue(Class<?> type) {
            return plan(original, type.asSubclass(Record.class));
        }
    }

    /** A field, or an object of members. */
    private record Member(byte[] key, Field field, Member[] children) {
    }
}
