package dev.ncbridge.sink.elasticsearch;

import dev.ncbridge.ingest.record.Record;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a record is indexed: one data stream, or an index named from a template of the record's
 * host and the UTC date it was received ({@code netconsole-{host}-{yyyy}.{MM}.{dd}}). Also names
 * the index template that gives those indices their mappings, and the patterns it applies to.
 */
final class IndexTarget {
    /** Characters Elasticsearch forbids in index names (besides upper case). */
    private static final String FORBIDDEN = "\\/*?\"<>|,#: ";

    private final boolean dataStream;
    private final String text;
    private final List<Part> parts;

    private IndexTarget(boolean dataStream, String text, List<Part> parts) {
        this.dataStream = dataStream;
        this.text = text;
        this.parts = parts;
    }

    /**
     * A data stream of this exact name.
     *
     * @throws IllegalArgumentException saying what is wrong with the name
     */
    static IndexTarget dataStream(String name) {
        checkLiteral(name, name);
        if (name.isEmpty()) {
            throw new IllegalArgumentException("must not be empty");
        }
        checkStart(name);
        return new IndexTarget(true, name, List.of(new Part(Field.LITERAL, name)));
    }

    /**
     * Indices named by a template of literal text and the fields {@code {host}}, {@code {yyyy}},
     * {@code {MM}}, {@code {dd}} and {@code {HH}}.
     *
     * @throws IllegalArgumentException saying what is wrong with the template
     */
    static IndexTarget indexTemplate(String template) {
        List<Part> parts = new ArrayList<>();
        int i = 0;
        while (i < template.length()) {
            int open = template.indexOf('{', i);
            if (open < 0) {
                parts.add(literal(template.substring(i), template));
                break;
            }
            if (open > i) {
                parts.add(literal(template.substring(i, open), template));
            }
            int close = template.indexOf('}', open);
            if (close < 0) {
                throw new IllegalArgumentException("\"" + template + "\": \"{\" without \"}\"");
            }
            parts.add(new Part(Field.named(template.substring(open + 1, close), template), null));
            i = close + 1;
        }
        if (parts.isEmpty() || parts.get(0).field != Field.LITERAL) {
            throw new IllegalArgumentException("\"" + template + "\" must start with literal text (as"
                    + " netconsole-{host}-{yyyy}.{MM}.{dd}), so that its index template matches only these indices");
        }
        checkStart(parts.get(0).text);
        return new IndexTarget(false, template, List.copyOf(parts));
    }

    boolean isDataStream() {
        return dataStream;
    }

    /** The index or data stream this record goes to. */
    String indexFor(Record record) {
        if (dataStream) {
            return text;
        }
        LocalDateTime time = LocalDateTime.ofEpochSecond(Math.floorDiv(record.receivedAtNanos(), 1_000_000_000L), 0,
                ZoneOffset.UTC);
        StringBuilder name = new StringBuilder(text.length() + 32);
        for (Part part : parts) {
            switch (part.field) {
                case LITERAL -> name.append(part.text);
                case HOST -> appendHost(name, record.hostName());
                case YEAR -> name.append(time.getYear());
                case MONTH -> twoDigits(name, time.getMonthValue());
                case DAY -> twoDigits(name, time.getDayOfMonth());
                case HOUR -> twoDigits(name, time.getHour());
                default -> throw new IllegalStateException(part.field.toString());
            }
        }
        return name.toString();
    }

    /** The pattern an index template needs to cover every name this target makes. */
    String templatePattern() {
        StringBuilder pattern = new StringBuilder();
        for (Part part : parts) {
            if (part.field == Field.LITERAL) {
                pattern.append(part.text);
            } else if (pattern.charAt(pattern.length() - 1) != '*') {
                pattern.append('*');
            }
        }
        return pattern.toString();
    }

    /**
     * The name of the index template this sink manages: one per target, so that sinks writing to
     * different targets never overwrite each other's template.
     */
    String templateName() {
        String prefix = parts.get(0).text;
        int end = prefix.length();
        while (end > 1 && "-._".indexOf(prefix.charAt(end - 1)) >= 0) {
            end--;
        }
        return "ncbridge-" + prefix.substring(0, end);
    }

    @Override
    public String toString() {
        return (dataStream ? "data stream " : "index ") + text;
    }

    /** Host names may hold anything a name file said: keep what index names allow, lower-cased. */
    private static void appendHost(StringBuilder name, String host) {
        for (int i = 0; i < host.length(); i++) {
            char c = Character.toLowerCase(host.charAt(i));
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_';
            name.append(allowed ? c : '_');
        }
    }

    private static void twoDigits(StringBuilder name, int value) {
        if (value < 10) {
            name.append('0');
        }
        name.append(value);
    }

    private static Part literal(String text, String whole) {
        checkLiteral(text, whole);
        return new Part(Field.LITERAL, text);
    }

    private static void checkLiteral(String text, String whole) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (FORBIDDEN.indexOf(c) >= 0 || c == '{' || c == '}') {
                throw new IllegalArgumentException("\"" + whole + "\": Elasticsearch names cannot contain '" + c + "'");
            }
            if (Character.isUpperCase(c)) {
                throw new IllegalArgumentException("\"" + whole + "\": Elasticsearch names must be lower case");
            }
        }
    }

    private static void checkStart(String name) {
        if ("-_+".indexOf(name.charAt(0)) >= 0 || name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("\"" + name + "\": Elasticsearch names cannot start with '"
                    + name.charAt(0) + "' or be . or ..");
        }
    }

    private enum Field {
        LITERAL, HOST, YEAR, MONTH, DAY, HOUR;

        static Field named(String name, String template) {
            return switch (name) {
                case "host" -> HOST;
                case "yyyy" -> YEAR;
                case "MM" -> MONTH;
                case "dd" -> DAY;
                case "HH" -> HOUR;
                default -> throw new IllegalArgumentException("\"" + template + "\": unknown field {" + name
                        + "}; fields: {host}, {yyyy}, {MM}, {dd}, {HH}");
            };
        }
    }

    private record Part(Field field, String text) {
    }
}
