package dev.ncbridge.sink.template;

import dev.ncbridge.config.ConfigProblem;
import dev.ncbridge.config.ConfigSection;
import dev.ncbridge.config.Suggestions;
import dev.ncbridge.ingest.record.Record;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Text with {@code {field}}s that each record fills in: a file path, a Kafka topic or key, an
 * index name, anything a plugin sink names per record ({@code docs/templates.md}). Parsed once,
 * so a wrong field is a configuration error rather than a surprise at the first record; rendered
 * by appending to the caller's builder, with the date parts computed once per hour and a template
 * without fields costing nothing per record. Safe to share between threads.
 */
public final class Template {
    private final String text;
    private final Part[] parts;
    private final Sanitizer sanitizer;
    private final ZoneId zone;
    /** The whole text when there are no fields, else null. */
    private final String constant;
    private final boolean dated;
    private final int expectedLength;
    /**
     * The last hour a record fell in. Racy on purpose: the value is immutable, so a thread sees
     * either a whole hour or an older one it replaces.
     */
    private LocalHour lastHour;

    private Template(String text, List<Part> parts, Sanitizer sanitizer, ZoneId zone) {
        this.text = text;
        this.parts = parts.toArray(Part[]::new);
        this.sanitizer = sanitizer;
        this.zone = zone;
        this.constant = parts.stream().allMatch(p -> p instanceof Literal) ? text : null;
        this.dated = parts.stream().anyMatch(p -> p instanceof DatePart);
        this.expectedLength = parts.stream().mapToInt(p -> p instanceof Literal l ? l.text.length() : 16).sum();
        this.lastHour = LocalHour.containing(0, zone);
    }

    /**
     * Parses {@code text} for a target.
     *
     * @param sanitizer what the target allows: checks the fixed text now and cleans field values as they are rendered
     * @param zone the time zone of the date parts
     * @throws IllegalArgumentException saying in plain words what is wrong with {@code text}
     */
    public static Template parse(String text, Sanitizer sanitizer, ZoneId zone) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("must not be empty");
        }
        List<Part> parts = new ArrayList<>();
        int at = 0;
        while (at < text.length()) {
            int open = text.indexOf('{', at);
            String fixed = text.substring(at, open < 0 ? text.length() : open);
            if (!fixed.isEmpty()) {
                sanitizer.checkFixedText(fixed, text);
                parts.add(new Literal(fixed));
            }
            if (open < 0) {
                break;
            }
            int close = text.indexOf('}', open);
            int nextOpen = text.indexOf('{', open + 1);
            if (close < 0 || (nextOpen >= 0 && nextOpen < close)) {
                throw new IllegalArgumentException("the '{' at character " + (open + 1) + " is not closed by '}'");
            }
            parts.add(part(text.substring(open + 1, close), open));
            at = close + 1;
        }
        Template template = new Template(text, parts, sanitizer, zone);
        sanitizer.checkTemplate(template);
        return template;
    }

    /**
     * Parses the template in a configuration key; what is wrong goes to {@code problems}, at the
     * key's line.
     *
     * @return the template, or null when {@code text} is not one
     */
    public static Template fromConfig(ConfigSection section, String key, String text, Sanitizer sanitizer,
                                      ZoneId zone, List<ConfigProblem> problems) {
        try {
            return parse(text, sanitizer, zone);
        } catch (IllegalArgumentException e) {
            problems.add(section.problem(key, e.getMessage()));
            return null;
        }
    }

    /** Appends the text for {@code record} to {@code out}. */
    public void render(Record record, StringBuilder out) {
        if (constant != null) {
            out.append(constant);
            return;
        }
        int start = out.length();
        LocalHour hour = dated ? hourOf(record.receivedAtNanos()) : null;
        for (Part part : parts) {
            part.appendTo(out, record, hour, sanitizer);
        }
        sanitizer.finish(out, start);
    }

    /** The text for {@code record}; for a template without fields, the same string every time. */
    public String render(Record record) {
        if (constant != null) {
            return constant;
        }
        StringBuilder out = new StringBuilder(expectedLength);
        render(record, out);
        return out.toString();
    }

    /** Whether the template has no fields, so every record gets the same text. */
    public boolean isConstant() {
        return constant != null;
    }

    /** The fixed text before the first field: all of it for a constant template, empty when a field comes first. */
    public String prefix() {
        int field = text.indexOf('{');
        return field < 0 ? text : text.substring(0, field);
    }

    /**
     * The fixed text with {@code wildcard} for every run of adjacent fields, as
     * {@code netconsole-*-*.*} for {@code netconsole-{host}-{yyyy}.{MM}{dd}}: what matches every
     * text the template can make.
     */
    public String pattern(String wildcard) {
        StringBuilder out = new StringBuilder();
        boolean afterField = false;
        for (Part part : parts) {
            if (part instanceof Literal l) {
                out.append(l.text);
                afterField = false;
            } else if (!afterField) {
                out.append(wildcard);
                afterField = true;
            }
        }
        return out.toString();
    }

    /** The template as written. */
    @Override
    public String toString() {
        return text;
    }

    private LocalHour hourOf(long epochNanos) {
        long second = Math.floorDiv(epochNanos, 1_000_000_000L);
        LocalHour hour = lastHour;
        if (!hour.covers(second)) {
            hour = LocalHour.containing(second, zone);
            lastHour = hour;
        }
        return hour;
    }

    private static Part part(String name, int open) {
        if (name.isEmpty()) {
            throw new IllegalArgumentException("the '{}' at character " + (open + 1) + " names no field: write one"
                    + " in the braces, as {host}");
        }
        Function<Record, String> field = TemplateFields.named(name);
        if (field != null) {
            return new Field(field);
        }
        for (DatePart date : DatePart.values()) {
            if (date.name.equals(name)) {
                return date;
            }
        }
        throw new IllegalArgumentException("unknown field {" + name + "}" + didYouMean(name) + "; known fields: "
                + knownNames().map(n -> "{" + n + "}").collect(Collectors.joining(", ")));
    }

    private static String didYouMean(String name) {
        return Suggestions.closest(name, knownNames().toList())
                // Case is the meaning of a date part: {mm} is not a misspelt {MM} (month) but minutes.
                .filter(s -> !(isDatePart(s) && s.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))))
                .map(s -> " (did you mean {" + s + "}?)")
                .orElse("");
    }

    private static boolean isDatePart(String name) {
        return Stream.of(DatePart.values()).anyMatch(d -> d.name.equals(name));
    }

    private static Stream<String> knownNames() {
        return Stream.concat(TemplateFields.names().stream(), Stream.of(DatePart.values()).map(d -> d.name));
    }

    private interface Part {
        void appendTo(StringBuilder out, Record record, LocalHour hour, Sanitizer sanitizer);
    }

    private record Literal(String text) implements Part {
        @Override
        public void appendTo(StringBuilder out, Record record, LocalHour hour, Sanitizer sanitizer) {
            out.append(text);
        }
    }

    private record Field(Function<Record, String> value) implements Part {
        @Override
        public void appendTo(StringBuilder out, Record record, LocalHour hour, Sanitizer sanitizer) {
            sanitizer.appendValue(out, value.apply(record));
        }
    }

    /** The receive time's local date and hour, zero-padded; digits only, so never sanitized. */
    private enum DatePart implements Part {
        YEAR("yyyy", 4, LocalHour::year),
        MONTH("MM", 2, LocalHour::month),
        DAY("dd", 2, LocalHour::day),
        HOUR("HH", 2, LocalHour::hour);

        private final String name;
        private final int width;
        private final ToIntFunction<LocalHour> value;

        DatePart(String name, int width, ToIntFunction<LocalHour> value) {
            this.name = name;
            this.width = width;
            this.value = value;
        }

        @Override
        public void appendTo(StringBuilder out, Record record, LocalHour hour, Sanitizer sanitizer) {
            int v = value.applyAsInt(hour);
            for (int bound = 10, digits = 1; digits < width; bound *= 10, digits++) {
                if (v < bound) {
                    out.append('0');
                }
            }
            out.append(v);
        }
    }
}
