package dev.ncbridge.sink.console;

import dev.ncbridge.ingest.record.AddressText;
import dev.ncbridge.ingest.record.Record;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The file sink's {@code path}: text with {@code {field}}s that each record fills in. Parsed once,
 * so a wrong field is a configuration error rather than a surprise at the first record.
 */
final class PathTemplate {
    private final String text;
    private final List<Part> parts;
    private final ZoneId zone;
    private final boolean dated;

    private PathTemplate(String text, List<Part> parts, ZoneId zone) {
        this.text = text;
        this.parts = parts;
        this.zone = zone;
        this.dated = parts.stream().anyMatch(p -> p instanceof Field f && f.dated);
    }

    /**
     * @throws IllegalArgumentException saying what is wrong with {@code text}
     */
    static PathTemplate parse(String text, ZoneId zone) {
        List<Part> parts = new ArrayList<>();
        int at = 0;
        while (at < text.length()) {
            int open = text.indexOf('{', at);
            if (open < 0) {
                parts.add(new Literal(text.substring(at)));
                break;
            }
            if (open > at) {
                parts.add(new Literal(text.substring(at, open)));
            }
            int close = text.indexOf('}', open);
            if (close < 0) {
                throw new IllegalArgumentException("the '{' at character " + (open + 1) + " is not closed by '}'");
            }
            parts.add(Field.named(text.substring(open + 1, close)));
            at = close + 1;
        }
        if (text.endsWith("/")) {
            throw new IllegalArgumentException("\"" + text + "\" names a directory: end it with a file name, as {host}.log");
        }
        PathTemplate template = new PathTemplate(text, List.copyOf(parts), zone);
        try {
            Path.of(template.sample());
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("\"" + text + "\" is not a valid path: " + e.getReason());
        }
        return template;
    }

    /** The path of {@code record}'s file. Field values are {@linkplain SafeName sanitized}. */
    String expand(Record record, StringBuilder scratch) {
        scratch.setLength(0);
        LocalDateTime time = dated ? localTime(record.receivedAtNanos()) : null;
        for (Part part : parts) {
            part.appendTo(scratch, record, time);
        }
        return scratch.toString();
    }

    /**
     * The directory every file goes under: the text before the first field, up to its last
     * {@code /}. It is what the sink checks it can write to before it starts.
     */
    Path baseDirectory() {
        int field = text.indexOf('{');
        String fixed = field < 0 ? text : text.substring(0, field);
        int slash = fixed.lastIndexOf('/');
        return slash < 0 ? Path.of(".") : Path.of(slash == 0 ? "/" : fixed.substring(0, slash));
    }

    @Override
    public String toString() {
        return text;
    }

    private String sample() {
        return parts.stream().map(p -> p instanceof Literal l ? l.text : "x").collect(Collectors.joining());
    }

    private LocalDateTime localTime(long epochNanos) {
        return LocalDateTime.ofInstant(Instant.ofEpochSecond(Math.floorDiv(epochNanos, 1_000_000_000L)), zone);
    }

    private interface Part {
        void appendTo(StringBuilder out, Record record, LocalDateTime time);
    }

    private record Literal(String text) implements Part {
        @Override
        public void appendTo(StringBuilder out, Record record, LocalDateTime time) {
            out.append(text);
        }
    }

    /** The fields a template may use. Date fields are the record's receive time in the configured zone. */
    private enum Field implements Part {
        HOST("host", false) {
            @Override
            public void appendTo(StringBuilder out, Record record, LocalDateTime time) {
                SafeName.append(out, record.hostName());
            }
        },
        IP("ip", false) {
            @Override
            public void appendTo(StringBuilder out, Record record, LocalDateTime time) {
                InetSocketAddress source = record.source();
                InetAddress address = source.getAddress();
                SafeName.append(out, address != null ? AddressText.of(address) : source.getHostString());
            }
        },
        YEAR("yyyy", true) {
            @Override
            public void appendTo(StringBuilder out, Record record, LocalDateTime time) {
                padded(out, time.getYear(), 4);
            }
        },
        MONTH("MM", true) {
            @Override
            public void appendTo(StringBuilder out, Record record, LocalDateTime time) {
                padded(out, time.getMonthValue(), 2);
            }
        },
        DAY("dd", true) {
            @Override
            public void appendTo(StringBuilder out, Record record, LocalDateTime time) {
                padded(out, time.getDayOfMonth(), 2);
            }
        },
        HOUR("HH", true) {
            @Override
            public void appendTo(StringBuilder out, Record record, LocalDateTime time) {
                padded(out, time.getHour(), 2);
            }
        };

        private final String name;
        private final boolean dated;

        Field(String name, boolean dated) {
            this.name = name;
            this.dated = dated;
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

        private static void padded(StringBuilder out, int value, int width) {
            String digits = Integer.toString(value);
            for (int i = digits.length(); i < width; i++) {
                out.append('0');
            }
            out.append(digits);
        }
    }
}
