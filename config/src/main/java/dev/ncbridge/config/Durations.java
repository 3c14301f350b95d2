package dev.ncbridge.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them in config files: a number and a unit ({@code 250ms}, {@code 5s},
 * {@code 10m}, {@code 1h}, {@code 2d}), with a fraction ({@code 1.5s}) or as a sum of parts
 * ({@code 1m30s}), to the nanosecond.
 */
public final class Durations {
    /** What {@link #parse} accepts, as a regular expression; the configuration's JSON Schema uses it too. */
    public static final String PATTERN = "^\\s*(\\d+(\\.\\d+)?\\s*(ms|s|m|h|d)\\s*)+$";
    private static final Pattern WHOLE = Pattern.compile(PATTERN);
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h|d)");
    /** Longer than any timeout anyone means, and far from Duration's and long nanoseconds' limits. */
    private static final BigDecimal MAX_NANOS = BigDecimal.valueOf(Duration.ofDays(365 * 100).toNanos());

    private Durations() {
    }

    public static Duration parse(String text) {
        if (!WHOLE.matcher(text).matches()) {
            throw new IllegalArgumentException("\"" + text + "\" is not a duration: write a number and a unit"
                    + " (ms, s, m, h, d), as 500ms, 1.5s or 1m30s");
        }
        BigDecimal nanos = BigDecimal.ZERO;
        Matcher part = PART.matcher(text);
        while (part.find()) {
            nanos = nanos.add(new BigDecimal(part.group(1)).multiply(BigDecimal.valueOf(nanosPer(part.group(2)))));
            if (nanos.compareTo(MAX_NANOS) > 0) {
                throw new IllegalArgumentException("\"" + text + "\" is too long: at most 100 years");
            }
        }
        if (nanos.stripTrailingZeros().scale() > 0) {
            throw new IllegalArgumentException("\"" + text + "\" is finer than a nanosecond");
        }
        return Duration.ofNanos(nanos.longValueExact());
    }

    private static long nanosPer(String unit) {
        return switch (unit) {
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            case "h" -> 3_600_000_000_000L;
            default -> 86_400_000_000_000L;
        };
    }

    /** The shortest way to write {@code d} in the form {@link #parse} reads, as {@code 90s} or {@code 1h}. */
    public static String format(Duration d) {
        if (d.toNanos() % 1_000_000 != 0) {
            return BigDecimal.valueOf(d.toNanos(), 6).stripTrailingZeros().toPlainString() + "ms";
        }
        long ms = d.toMillis();
        long[] units = {86_400_000L, 3_600_000L, 60_000L, 1000L};
        String[] names = {"d", "h", "m", "s"};
        for (int i = 0; i < units.length; i++) {
            if (ms != 0 && ms % units[i] == 0) {
                return ms / units[i] + names[i];
            }
        }
        return ms + "ms";
    }
}
