package dev.ncbridge.sink.kafka;

import dev.ncbridge.ingest.record.AddressText;
import dev.ncbridge.ingest.record.Extended;
import dev.ncbridge.ingest.record.Facility;
import dev.ncbridge.ingest.record.Record;
import dev.ncbridge.ingest.record.Severity;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A topic or key: text with {@code {field}}s each record fills in. Parsed once, so a wrong field
 * is a configuration error rather than a surprise at the first record. A template without fields
 * expands to the same string every time, with no work per record.
 *
 * <p>In a topic template every field value is made a legal topic name part: characters other than
 * letters, digits, {@code .}, {@code _} and {@code -} become {@code _} (so {@code 2001:db8::5}
 * becomes {@code 2001_db8__5}).
 */
final class RecordTemplate {
    /** What Kafka allows in a topic name. */
    static final String TOPIC_CHARS = "letters, digits, '.', '_' and '-'";
    static final int MAX_TOPIC_LENGTH = 249;

    private final String text;
    private final List<Object> parts;
    private final boolean topic;

    private RecordTemplate(String text, List<Object> parts, boolean topic) {
        this.text = text;
        this.parts = parts;
        this.topic = topic;
    }

    /**
     * A topic template: its fixed text must be legal in a topic name.
     *
     * @throws IllegalArgumentException saying what is wrong with {@code text}
     */
    static RecordTemplate topic(String text) {
        RecordTemplate t = parse(text, true);
        for (Object part : t.parts) {
            if (part instanceof String literal && !isLegalTopicText(literal)) {
                throw new IllegalArgumentException("\"" + text + "\" is not a valid topic name: use only " + TOPIC_CHARS
                        + " besides the {fields}");
            }
        }
        if (t.isFixed() && (text.equals(".") || text.equals("..") || text.length() > MAX_TOPIC_LENGTH)) {
            throw new IllegalArgumentException("\"" + text + "\" is not a valid topic name: it may not be '.' or '..'"
                    + " and has at most " + MAX_TOPIC_LENGTH + " characters");
        }
        return t;
    }

    /**
     * A key template; any text goes.
     *
     * @throws IllegalArgumentException saying what is wrong with {@code text}
     */
    static RecordTemplate key(String text) {
        return parse(text, false);
    }

    private static RecordTemplate parse(String text, boolean topic) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("must not be empty");
        }
        List<Object> parts = new ArrayList<>();
        int at = 0;
        while (at < text.length()) {
            int open = text.indexOf('{', at);
            if (open < 0) {
                parts.add(text.substring(at));
                break;
            }
            if (open > at) {
                parts.add(text.substring(at, open));
            }
            int close = text.indexOf('}', open);
            if (close < 0) {
                throw new IllegalArgumentException("the '{' at character " + (open + 1) + " is not closed by '}'");
            }
            parts.add(Field.named(text.substring(open + 1, close)));
            at = close + 1;
        }
        return new RecordTemplate(text, List.copyOf(parts), topic);
    }

    /** Whether the template has no fields, so every record gets the same value. */
    boolean isFixed() {
        return parts.stream().noneMatch(p -> p instanceof Field);
    }

    /** The value for {@code record}. */
    String expand(Record record) {
        if (parts.size() == 1 && parts.get(0) instanceof String literal) {
            return literal;
        }
        StringBuilder out = new StringBuilder(64);
        for (Object part : parts) {
            if (part instanceof Field field) {
                String value = field.value.apply(record);
                if (topic) {
                    appendTopicSafe(out, value);
                } else {
                    out.append(value);
                }
            } else {
                out.append((String) part);
            }
        }
        // A host name can be long; Kafka refuses topic names past 249 characters.
        return topic && out.length() > MAX_TOPIC_LENGTH ? out.substring(0, MAX_TOPIC_LENGTH) : out.toString();
    }

    @Override
    public String toString() {
        return text;
    }

    private static boolean isLegalTopicText(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!isLegalTopicChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isLegalTopicChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_'
                || c == '-';
    }

    private static void appendTopicSafe(StringBuilder out, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            out.append(isLegalTopicChar(c) ? c : '_');
        }
    }

    /** The fields a template may use. */
    private enum Field {
        HOST("host", Record::hostName),
        IP("ip", RecordTemplate::address),
        LEVEL("level", r -> Extended.of(r) != null ? Severity.ofCode(Extended.of(r).level()).keyword() : "none"),
        FACILITY("facility", r -> Extended.of(r) != null ? Facility.name(Extended.of(r).facility()) : "none"),
        KIND("kind", Record::kind);

        private final String name;
        private final Function<Record, String> value;

        Field(String name, Function<Record, String> value) {
            this.name = name;
            this.value = value;
        }

        static Field named(String name) {
            for (Field f : values()) {
                if (f.name.equals(name)) {
                    return f;
                }
            }
            throw new IllegalArgumentException("unknown field {" + name + "}; known fields: "
                    + Arrays.stream(values()).map(f -> "{" + f.name + "}").collect(Collectors.joining(", ")));
        }
    }

    /** The source address in RFC 5952 form, as in the record's {@code host.ip}. */
    static String address(Record r) {
        InetAddress address = r.source().getAddress();
        return address != null ? AddressText.of(address) : r.source().getHostString();
    }
}
