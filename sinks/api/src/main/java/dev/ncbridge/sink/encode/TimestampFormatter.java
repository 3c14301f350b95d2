package dev.ncbridge.sink.encode;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Formats nanoseconds since the epoch as {@code yyyy-MM-ddTHH:mm:ss.SSSSSSZ} (UTC, exactly six
 * fractional digits, truncated). Thread-safe.
 *
 * <p>Records arrive in bursts within the same second, so the date-and-time part is computed once
 * per second and cached; only the microseconds are formatted per call. The cache is one immutable
 * holder in a volatile field: threads may replace each other's entry, which costs a recomputation
 * but can never pair a second with another second's text.
 */
public final class TimestampFormatter {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    /** {@code yyyy-MM-ddTHH:mm:ss}: a long of nanoseconds only spans the years 1677..2262. */
    private static final int PREFIX_LENGTH = 19;
    /** The prefix, {@code .}, six digits and {@code Z}. */
    public static final int LENGTH = PREFIX_LENGTH + 8;

    private static volatile Second cache = new Second(0);

    private TimestampFormatter() {
    }

    /** The timestamp for {@code epochNanos}, e.g. {@code 2026-11-21T10:15:30.123456Z}. */
    public static String format(long epochNanos) {
        byte[] out = new byte[LENGTH];
        write(epochNanos, out, 0);
        return new String(out, StandardCharsets.ISO_8859_1);
    }

    /** Writes the {@value #LENGTH} ASCII bytes of {@link #format} into {@code out} at {@code at}, allocating nothing. */
    public static void write(long epochNanos, byte[] out, int at) {
        long epochSecond = Math.floorDiv(epochNanos, NANOS_PER_SECOND);
        int micros = (int) (Math.floorMod(epochNanos, NANOS_PER_SECOND) / 1000);
        Second second = cache;
        if (second.epochSecond != epochSecond) {
            second = new Second(epochSecond);
            cache = second;
        }
        System.arraycopy(second.prefix, 0, out, at, PREFIX_LENGTH);
        out[at + PREFIX_LENGTH] = '.';
        for (int i = at + LENGTH - 2; i > at + PREFIX_LENGTH; i--) {
            out[i] = (byte) ('0' + micros % 10);
            micros /= 10;
        }
        out[at + LENGTH - 1] = 'Z';
    }

    /** One epoch second and its formatted date and time. */
    private static final class Second {
        final long epochSecond;
        final byte[] prefix = new byte[PREFIX_LENGTH];

        Second(long epochSecond) {
            this.epochSecond = epochSecond;
            LocalDateTime t = LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC);
            put(t.getYear(), 0, 4);
            prefix[4] = '-';
            put(t.getMonthValue(), 5, 2);
            prefix[7] = '-';
            put(t.getDayOfMonth(), 8, 2);
            prefix[10] = 'T';
            put(t.getHour(), 11, 2);
            prefix[13] = ':';
            put(t.getMinute(), 14, 2);
            prefix[16] = ':';
            put(t.getSecond(), 17, 2);
        }

        /** Writes {@code value} zero-padded into {@code width} digits at {@code at}. */
        private void put(int value, int at, int width) {
            for (int i = at + width - 1; i >= at; i--) {
                prefix[i] = (byte) ('0' + value % 10);
                value /= 10;
            }
        }
    }
}
