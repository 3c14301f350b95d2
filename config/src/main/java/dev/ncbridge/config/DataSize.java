package dev.ncbridge.config;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A number of bytes written with a unit: {@code 512}, {@code 64KiB}, {@code 8MiB}, {@code 1GiB}, or
 * the decimal {@code KB}/{@code MB}/{@code GB}.
 */
public record DataSize(long bytes) {
    /** What {@link #parse} accepts, as a regular expression; the configuration's JSON Schema uses it too. */
    public static final String PATTERN = "^\\s*(\\d+)\\s*([KkMmGgTt][Ii]?[Bb]|[Bb])?\\s*$";
    private static final Pattern FORM = Pattern.compile(PATTERN);

    public DataSize {
        if (bytes < 0) {
            throw new IllegalArgumentException("a size cannot be negative");
        }
    }

    public static DataSize parse(String text) {
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("\"" + text + "\" is not a size: write bytes with an optional unit"
                    + " (B, KiB, MiB, GiB, KB, MB, GB), as 8MiB");
        }
        String unit = m.group(2) == null ? "b" : m.group(2).toLowerCase(Locale.ROOT);
        long scale = switch (unit) {
            case "b" -> 1L;
            case "kib" -> 1L << 10;
            case "mib" -> 1L << 20;
            case "gib" -> 1L << 30;
            case "tib" -> 1L << 40;
            case "kb" -> 1_000L;
            case "mb" -> 1_000_000L;
            case "gb" -> 1_000_000_000L;
            default -> 1_000_000_000_000L;
        };
        try {
            return new DataSize(Math.multiplyExact(Long.parseLong(m.group(1)), scale));
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("\"" + text + "\" is too large");
        }
    }

    /** The shortest way to write the size in the form {@link #parse} reads, as {@code 64KiB}: for messages. */
    @Override
    public String toString() {
        String[] units = {"TiB", "GiB", "MiB", "KiB"};
        for (int i = 0; i < units.length; i++) {
            long unit = 1L << (10 * (units.length - i));
            if (bytes != 0 && bytes % unit == 0) {
                return bytes / unit + units[i];
            }
        }
        return Long.toString(bytes);
    }

    /** As an int, for buffer sizes; fails rather than wraps. */
    public int toIntBytes() {
        return Math.toIntExact(bytes);
    }
}
