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
 * Field#appliesTo apply} to it (a kernel message's tree has no crash or event fields). Records
 * of a type mostly have the same fields (a source sends the same kind of message again and
 * again), so for each set of present fields seen the tree becomes a {@link JsonLayout}, which
 * writes all the text between two values at once; a record is asked only for the fields that
 * {@linkplain Fields#alwaysPresent may be absent} to find its layout. Past {@value
 * #MAX_LAYOUTS} sets for a type, or with more than 64 fields that may be absent, records are
 * written member by member from the tree. Either way each record is written into the calling
 * thread's reused {@link JsonBuffer}, then copied to the stream in one write.
 */
public final class JsonRecordEncoder implements RecordEncoder {
    static final String NAME = "json";
    /**
     * Layouts kept per record type. A kernel message's fields that may be absent depend on the
     * target's format and options (legacy or extended, sysdata, userdata, dictionary), a few
     * sets per fleet; beyond this many, records are still written right, only slower.
     */
    static final int MAX_LAYOUTS = 64;

    private static final ThreadLocal<JsonBuffer> BUFFERS = ThreadLocal.withInitial(JsonBuffer::new);
    private static final Plans WITHOUT_ORIGINAL = new Plans(false, MAX_LAYOUTS);
    private static final Plans WITH_ORIGINAL = new Plans(true, MAX_LAYOUTS);

    private final Plans plans;

    /** The encoding without {@code event.original}. */
    public JsonRecordEncoder() {
        this(false);
    }

    /** @param original whether to write the message as received, as {@code event.original} */
    public JsonRecordEncoder(boolean original) {
        this.plans = original ? WITH_ORIGINAL : WITHOUT_ORIGINAL;
    }

    /**
     * An encoder with plans of its own, keeping at most {@code maxLayouts} layouts per type:
     * with none, every record is written member by member, which tests compare layouts with.
     */
    JsonRecordEncoder(boolean original, int maxLayouts) {
        this.plans = new Plans(original, maxLayouts);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void encode(Record r, OutputStream out) throws IOException {
        JsonBuffer buffer = BUFFERS.get();
        TypePlan plan = plans.get(r.getClass());
        JsonLayout layout = plan.layoutOf(r);
        buffer.reset();
        if (layout == null || !layout.write(r, buffer)) {
            buffer.reset();
            buffer.startDocument();
            write(plan.members, r, buffer);
            buffer.endDocument();
        }
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

    /** The plan of each record type, made on first use. */
    private static final class Plans extends ClassValue<TypePlan> {
        private final boolean original;
        private final int maxLayouts;

        Plans(boolean original, int maxLayouts) {
            this.original = original;
            this.maxLayouts = maxLayouts;
        }

        @Override
        protected TypePlan computeValue(Class<?> type) {
            return new TypePlan(plan(original, type.asSubclass(Record.class)), maxLayouts);
        }
    }

    /**
     * One record type's tree and the layouts made from it, by the set of present fields (its
     * shape: a bit per field that may be absent). Encoding threads share it: they read the
     * layouts without a lock and add one under the plan's lock, which nothing else takes.
     */
    private static final class TypePlan {
        final Member[] members;
        /** The fields of the tree that may be absent, or null when there are more than a shape's 64 bits. */
        private final Field[] mayBeAbsent;
        /** Which of them a record has; null with them. */
        private final GeneratedJson.Shape shapes;
        private final int maxLayouts;
        private volatile Shaped[] layouts = new Shaped[0];

        TypePlan(Member[] members, int maxLayouts) {
            this.members = members;
            this.maxLayouts = maxLayouts;
            List<Field> fields = new ArrayList<>();
            collectMayBeAbsent(members, fields);
            this.mayBeAbsent = fields.size() <= Long.SIZE ? fields.toArray(new Field[0]) : null;
            this.shapes = mayBeAbsent != null ? GeneratedJson.shape(mayBeAbsent) : null;
        }

        /** The layout for {@code r}'s set of present fields, made now if new; null past the limits. */
        JsonLayout layoutOf(Record r) {
            if (mayBeAbsent == null) {
                return null;
            }
            long shape = shapes.of(r);
            Shaped[] known = layouts;
            for (Shaped s : known) {
                if (s.shape == shape) {
                    return s.layout;
                }
            }
            // Once full, no record takes the lock again.
            return known.length < maxLayouts ? add(shape, r) : null;
        }

        private synchronized JsonLayout add(long shape, Record sample) {
            Shaped[] known = layouts;
            for (Shaped s : known) {
                if (s.shape == shape) {
                    return s.layout;
                }
            }
            if (known.length >= maxLayouts) {
                return null;
            }
            JsonLayout layout =
                    JsonLayout.of(members, f -> Fields.alwaysPresent(f) || (shape & bit(f)) != 0, sample);
            Shaped[] more = Arrays.copyOf(known, known.length + 1);
            more[known.length] = new Shaped(shape, layout);
            layouts = more;
            return layout;
        }

        private long bit(Field f) {
            for (int i = 0; i < mayBeAbsent.length; i++) {
                if (mayBeAbsent[i] == f) {
                    return 1L << i;
                }
            }
            throw new IllegalArgumentException(f + " is not in the plan");
        }

        private static void collectMayBeAbsent(Member[] members, List<Field> into) {
            for (Member m : members) {
                if (m.field() == null) {
                    collectMayBeAbsent(m.children(), into);
                } else if (!Fields.alwaysPresent(m.field())) {
                    into.add(m.field());
                }
            }
        }
    }

    /** A layout and the shape it is for. */
    private record Shaped(long shape, JsonLayout layout) {
    }

    /** A field, or an object of members. */
    record Member(byte[] key, Field field, Member[] children) {
    }
}
