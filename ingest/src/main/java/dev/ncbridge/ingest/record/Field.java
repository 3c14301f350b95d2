package dev.ncbridge.ingest.record;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * One value of a record as users see it: the name routes and templates write ({@code host}),
 * the path it has in encoded output ({@code host.name}, an Elastic Common Schema name where ECS
 * has one, else under {@code netconsole.}), its type, whether a record has it, and the one
 * accessor that reads it. Every field is in {@link Fields}; the subclasses differ only in the
 * Java type of the value, which those that match or compare on it read directly.
 *
 * <p>Immutable and thread-safe. Reading a value allocates nothing unless said otherwise.
 */
public abstract class Field {
    private final Class<? extends Record> scope;
    private final String name;
    private final String path;
    private final FieldType type;

    private Field(Class<? extends Record> scope, String name, String path, FieldType type) {
        this.scope = Objects.requireNonNull(scope, "scope");
        this.name = name;
        this.path = Objects.requireNonNull(path, "path");
        this.type = Objects.requireNonNull(type, "type");
    }

    /** The short name routes and templates use ({@code host}), or {@code null}: then only the path names it. */
    public String name() {
        return name;
    }

    /** The dotted path in encoded output ({@code host.name}, {@code netconsole.cpu}). */
    public String path() {
        return path;
    }

    public FieldType type() {
        return type;
    }

    /**
     * Whether records of {@code type} can have this field. The accessor answers for any record
     * (absent where it does not apply), but an encoder that plans its output per record type
     * leaves out what cannot apply instead of asking every record: a kernel message is never
     * asked for the twenty-one crash fields.
     */
    public boolean appliesTo(Class<? extends Record> type) {
        return scope.isAssignableFrom(type);
    }

    /** Whether {@code r} has this field; an absent field is left out of output, never written as null. */
    public abstract boolean isPresent(Record r);

    /** Gives {@code r}'s value to {@code out}; does nothing when the record lacks it. */
    public abstract void write(Record r, ValueWriter out);

    /** Appends {@code r}'s value as text ({@code 607}, {@code err}, {@code 2001:db8::5}); nothing when absent. */
    public abstract void appendText(Record r, StringBuilder out);

    /** The value as text, or {@code null} when absent. Allocates; {@link #appendText} need not. */
    public String text(Record r) {
        if (!isPresent(r)) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        appendText(r, sb);
        return sb.toString();
    }

    @Override
    public String toString() {
        return name != null ? name + " (" + path + ")" : path;
    }

    /** A string; absent when the accessor gives {@code null}. */
    public static final class Text extends Field {
        private final Function<Record, String> value;
        /** Whether the values are a few long-lived strings, written as {@link ValueWriter#keyword}. */
        private final boolean fewValues;
        /** Whether every record of one class has the same value. */
        private final boolean fixedPerType;

        Text(String name, String path, FieldType type, Function<Record, String> value) {
            this(Record.class, name, path, type, value);
        }

        /** A field only records of {@code scope} can have. */
        Text(Class<? extends Record> scope, String name, String path, FieldType type, Function<Record, String> value) {
            this(scope, name, path, type, value, false, false);
        }

        private Text(Class<? extends Record> scope, String name, String path, FieldType type,
                     Function<Record, String> value, boolean fewValues, boolean fixedPerType) {
            super(scope, name, path, type);
            this.value = value;
            this.fewValues = fewValues;
            this.fixedPerType = fixedPerType;
        }

        /**
         * A keyword whose values are a few long-lived strings, the same objects record after
         * record (a source's name), which writers may keep encoded.
         */
        static Text fewValues(Class<? extends Record> scope, String name, String path,
                              Function<Record, String> value) {
            return new Text(scope, name, path, FieldType.KEYWORD, value, true, false);
        }

        /**
         * A keyword that every record of one class has the same value of (a constant, the
         * record's kind), which writers may encode once per class, from any one record.
         */
        static Text fixedPerType(Class<? extends Record> scope, String name, String path,
                                 Function<Record, String> value) {
            return new Text(scope, name, path, FieldType.KEYWORD, value, true, true);
        }

        public String value(Record r) {
            return value.apply(r);
        }

        /** The accessor itself, for code that calls it at a site of its own (an encoder's generated writer). */
        public Function<Record, String> accessor() {
            return value;
        }

        /** Whether the values are a few long-lived strings, to write as {@link ValueWriter#keyword}. */
        public boolean hasFewValues() {
            return fewValues;
        }

        /** Whether every record of one class has the same value, so that one record's value is its class's. */
        public boolean isFixedPerType() {
            return fixedPerType;
        }

        /** The value itself: no allocation. */
        @Override
        public String text(Record r) {
            return value.apply(r);
        }

        @Override
        public boolean isPresent(Record r) {
            return value.apply(r) != null;
        }

        @Override
        public void write(Record r, ValueWriter out) {
            String v = value.apply(r);
            if (v == null) {
                return;
            }
            if (fewValues) {
                out.keyword(v);
            } else {
                out.string(v);
            }
        }

        @Override
        public void appendText(Record r, StringBuilder out) {
            String v = value.apply(r);
            if (v != null) {
                out.append(v);
            }
        }
    }

    /** One of an enum's constants, written as the text the catalogue gives it; absent when {@code null}. */
    public static final class Choice<E extends Enum<E>> extends Field {
        private final Function<Record, E> value;
        private final Function<E, String> text;

        Choice(String name, String path, Function<Record, E> value, Function<E, String> text) {
            this(Record.class, name, path, value, text);
        }

        /** A field only records of {@code scope} can have. */
        Choice(Class<? extends Record> scope, String name, String path, Function<Record, E> value, Function<E, String> text) {
            super(scope, name, path, FieldType.KEYWORD);
            this.value = value;
            this.text = text;
        }

        public E value(Record r) {
            return value.apply(r);
        }

        /** The accessor itself, for code that calls it at a site of its own (an encoder's generated writer). */
        public Function<Record, E> accessor() {
            return value;
        }

        /** What {@link #textOf} applies, for the same. */
        public Function<E, String> texts() {
            return text;
        }

        /** The text of one constant, as output and as users write it ({@code source_reset}). */
        public String textOf(E constant) {
            return text.apply(constant);
        }

        /** The constant's text: no allocation. */
        @Override
        public String text(Record r) {
            E v = value.apply(r);
            return v != null ? text.apply(v) : null;
        }

        @Override
        public boolean isPresent(Record r) {
            return value.apply(r) != null;
        }

        @Override
        public void write(Record r, ValueWriter out) {
            E v = value.apply(r);
            if (v != null) {
                out.keyword(text.apply(v));
            }
        }

        @Override
        public void appendText(Record r, StringBuilder out) {
            E v = value.apply(r);
            if (v != null) {
                out.append(text.apply(v));
            }
        }
    }

    /**
     * A whole number. The accessor gives {@link #ABSENT} when the record lacks it, so reading a
     * number is one call: encoders call every field's accessor for every record, and each call
     * through a shared site costs (see docs/performance.md).
     */
    public static final class Number extends Field {
        /** What a number's accessor gives for a record without it; no field's value can be this. */
        public static final long ABSENT = Long.MIN_VALUE;

        private final ToLongFunction<Record> value;

        Number(String name, String path, ToLongFunction<Record> value) {
            this(Record.class, name, path, value);
        }

        /** A field only records of {@code scope} can have. */
        Number(Class<? extends Record> scope, String name, String path, ToLongFunction<Record> value) {
            super(scope, name, path, FieldType.LONG);
            this.value = value;
        }

        /** The value, or {@link #ABSENT}. */
        public long value(Record r) {
            return value.applyAsLong(r);
        }

        /** The accessor itself, for code that calls it at a site of its own (an encoder's generated writer). */
        public ToLongFunction<Record> accessor() {
            return value;
        }

        @Override
        public boolean isPresent(Record r) {
            return value.applyAsLong(r) != ABSENT;
        }

        @Override
        public void write(Record r, ValueWriter out) {
            long v = value.applyAsLong(r);
            if (v != ABSENT) {
                out.number(v);
            }
        }

        @Override
        public void appendText(Record r, StringBuilder out) {
            long v = value.applyAsLong(r);
            if (v != ABSENT) {
                out.append(v);
            }
        }
    }

    /** A boolean; absent when the accessor gives {@code null} (never a new Boolean: the two constants). */
    public static final class Flag extends Field {
        private final Function<Record, Boolean> value;

        Flag(String name, String path, Function<Record, Boolean> value) {
            this(Record.class, name, path, value);
        }

        /** A field only records of {@code scope} can have. */
        Flag(Class<? extends Record> scope, String name, String path, Function<Record, Boolean> value) {
            super(scope, name, path, FieldType.BOOLEAN);
            this.value = value;
        }

        /** The value, or {@code null} when absent. */
        public Boolean value(Record r) {
            return value.apply(r);
        }

        /** The accessor itself, for code that calls it at a site of its own (an encoder's generated writer). */
        public Function<Record, Boolean> accessor() {
            return value;
        }

        @Override
        public boolean isPresent(Record r) {
            return value.apply(r) != null;
        }

        @Override
        public void write(Record r, ValueWriter out) {
            Boolean v = value.apply(r);
            if (v != null) {
                out.bool(v);
            }
        }

        @Override
        public void appendText(Record r, StringBuilder out) {
            Boolean v = value.apply(r);
            if (v != null) {
                out.append(v.booleanValue());
            }
        }
    }

    /** The address of a socket address, written in the one spelling of {@link AddressText}. Always present. */
    public static final class Address extends Field {
        private final Function<Record, InetSocketAddress> value;

        Address(String name, String path, Function<Record, InetSocketAddress> value) {
            super(Record.class, name, path, FieldType.IP);
            this.value = value;
        }

        /** The address, or {@code null} if it was never resolved (then only the text form has it). */
        public InetAddress address(Record r) {
            return value.apply(r).getAddress();
        }

        /** The accessor itself, for code that calls it at a site of its own (an encoder's generated writer). */
        public Function<Record, InetSocketAddress> accessor() {
            return value;
        }

        @Override
        public boolean isPresent(Record r) {
            return true;
        }

        @Override
        public void write(Record r, ValueWriter out) {
            out.address(value.apply(r));
        }

        /** Allocates the text (see {@link AddressText}). */
        @Override
        public void appendText(Record r, StringBuilder out) {
            InetSocketAddress socket = value.apply(r);
            InetAddress address = socket.getAddress();
            out.append(address != null ? AddressText.of(address) : socket.getHostString());
        }
    }

    /** A time in nanoseconds since the epoch; absent when the accessor gives {@link Number#ABSENT}. */
    public static final class Time extends Field {
        /** The spelling of encoded output: UTC, exactly six fractional digits, {@code Z}. */
        private static final DateTimeFormatter TEXT =
                DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
        private static final long NANOS_PER_SECOND = 1_000_000_000L;

        private final ToLongFunction<Record> value;

        Time(String name, String path, ToLongFunction<Record> value) {
            this(Record.class, name, path, value);
        }

        /** A field only records of {@code scope} can have. */
        Time(Class<? extends Record> scope, String name, String path, ToLongFunction<Record> value) {
            super(scope, name, path, FieldType.DATE);
            this.value = value;
        }

        /** The time, or {@link Number#ABSENT}. */
        public long epochNanos(Record r) {
            return value.applyAsLong(r);
        }

        /** The accessor itself, for code that calls it at a site of its own (an encoder's generated writer). */
        public ToLongFunction<Record> accessor() {
            return value;
        }

        @Override
        public boolean isPresent(Record r) {
            return value.applyAsLong(r) != Number.ABSENT;
        }

        @Override
        public void write(Record r, ValueWriter out) {
            long nanos = value.applyAsLong(r);
            if (nanos != Number.ABSENT) {
                out.time(nanos);
            }
        }

        /** Allocates; encoders write the time with a cached formatter of their own. */
        @Override
        public void appendText(Record r, StringBuilder out) {
            long nanos = value.applyAsLong(r);
            if (nanos == Number.ABSENT) {
                return;
            }
            TEXT.formatTo(Instant.ofEpochSecond(Math.floorDiv(nanos, NANOS_PER_SECOND),
                    Math.floorMod(nanos, NANOS_PER_SECOND)), out);
        }
    }

    /** Bytes as received; absent when empty. */
    public static final class Bytes extends Field {
        private final Function<Record, byte[]> value;

        Bytes(Class<? extends Record> scope, String name, String path, Function<Record, byte[]> value) {
            super(scope, name, path, FieldType.KEYWORD);
            this.value = value;
        }

        @Override
        public boolean isPresent(Record r) {
            return value.apply(r).length > 0;
        }

        @Override
        public void write(Record r, ValueWriter out) {
            byte[] v = value.apply(r);
            if (v.length > 0) {
                out.bytes(v);
            }
        }

        /** Allocates; bytes that are not UTF-8 become U+FFFD. */
        @Override
        public void appendText(Record r, StringBuilder out) {
            out.append(new String(value.apply(r), StandardCharsets.UTF_8));
        }
    }

    /** Key-value pairs in arrival order; absent when there are none. */
    public static final class Pairs extends Field {
        private final Function<Record, List<KeyValue>> value;

        Pairs(Class<? extends Record> scope, String name, String path, Function<Record, List<KeyValue>> value) {
            super(scope, name, path, FieldType.FLATTENED);
            this.value = value;
        }

        /** The pairs, never null. */
        public List<KeyValue> value(Record r) {
            return value.apply(r);
        }

        @Override
        public boolean isPresent(Record r) {
            return !value.apply(r).isEmpty();
        }

        @Override
        public void write(Record r, ValueWriter out) {
            List<KeyValue> v = value.apply(r);
            if (!v.isEmpty()) {
                out.pairs(v);
            }
        }

        /** {@code key=value} pairs separated by {@code ,}, in arrival order. */
        @Override
        public void appendText(Record r, StringBuilder out) {
            List<KeyValue> v = value.apply(r);
            for (int i = 0; i < v.size(); i++) {
                out.append(i == 0 ? "" : ",").append(v.get(i).key()).append('=').append(v.get(i).value());
            }
        }
    }

    /** Named details (an event's); absent when the accessor gives {@code null} or none. */
    public static final class Details extends Field {
        private final Function<Record, Map<String, Object>> value;

        Details(Class<? extends Record> scope, String name, String path, Function<Record, Map<String, Object>> value) {
            super(scope, name, path, FieldType.OBJECT);
            this.value = value;
        }

        @Override
        public boolean isPresent(Record r) {
            Map<String, Object> v = value.apply(r);
            return v != null && !v.isEmpty();
        }

        @Override
        public void write(Record r, ValueWriter out) {
            Map<String, Object> v = value.apply(r);
            if (v != null && !v.isEmpty()) {
                out.details(v);
            }
        }

        /** {@code key=value} pairs separated by {@code ,}, in the event type's order. */
        @Override
        public void appendText(Record r, StringBuilder out) {
            Map<String, Object> v = value.apply(r);
            if (v != null) {
                int at = out.length();
                v.forEach((key, detail) -> out.append(out.length() == at ? "" : ",").append(key).append('=')
                        .append(detail));
            }
        }
    }

    /** A list of objects (a crash report's frames); absent when empty. */
    public static final class Rows extends Field {
        private final Function<Record, List<Map<String, Object>>> value;

        Rows(Class<? extends Record> scope, String name, String path, Function<Record, List<Map<String, Object>>> value) {
            super(scope, name, path, FieldType.OBJECT);
            this.value = value;
        }

        @Override
        public boolean isPresent(Record r) {
            return !value.apply(r).isEmpty();
        }

        @Override
        public void write(Record r, ValueWriter out) {
            List<Map<String, Object>> v = value.apply(r);
            if (!v.isEmpty()) {
                out.rows(v);
            }
        }

        /** One object's values a line, {@code key=value} separated by {@code ,}. */
        @Override
        public void appendText(Record r, StringBuilder out) {
            List<Map<String, Object>> v = value.apply(r);
            for (int i = 0; i < v.size(); i++) {
                int at = out.append(i == 0 ? "" : "\n").length();
                v.get(i).forEach((key, detail) -> out.append(out.length() == at ? "" : ",").append(key).append('=')
                        .append(detail));
            }
        }
    }
}
