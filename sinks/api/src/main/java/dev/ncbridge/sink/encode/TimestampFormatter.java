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

    /**
     * Writes the {@value #LENGTH} ASCII bytes of {@link #format} into {@code out} at {@code at},
     * allocating nothing: the second's text as three words, then {@code .}, the microseconds
     * and {@code Z} as one, over the last of them.
     */
    public static void write(long epochNanos, byte[] out, int at) {
        long epochSecond = Math.floorDiv(epochNanos, NANOS_PER_SECOND);
        int micros = (int) (Math.floorMod(epochNanos, NANOS_PER_SECOND) / 1000);
        Second second = cache;
        if (second.epochSecond != epochSecond) {
            second = new Second(epochSecond);
            cache = second;
        }
        AsciiWords.put(out, at, second.words[0]);
        AsciiWords.put(out, at + Long.BYTES, second.words[1]);
        AsciiWords.put(out, at + 2 * Long.BYTES, second.words[2]);
        // "00123456" less its two leading zeros, between '.' and 'Z'.
        long sixDigits = AsciiWords.eightDigits(micros) >>> 2 * Byte.SIZE;
        long fraction = '.' | (sixDigits << Byte.SIZE) | ((long) 'Z' << 7 * Byte.SIZE);
        AsciiWords.put(out, at + PREFIX_LENGTH, fraction);
    }

    /** One epoch second and its formatted date and time. */
    private static final class Second {
        final long epochSecond;
        /** {@code yyyy-MM-ddTHH:mm:ss} as words, the last filled up with zeros. */
        final long[] words;

        Second(long epochSecond) {
            this.epochSecond = epochSecond;
            byte[] prefix = new byte[PREFIX_LENGTH];
            LocalDateTime t = LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC);
            put(prefix, t.getYear(), 0, 4);
            prefix[4] = '-';
            put(prefix, t.getMonthValue(), 5, 2);
            prefix[7] = '-';
            put(prefix, t.getDayOfMonth(), 8, 2);
            prefix[10] = 'T';
            put(prefix, t.getHour(), 11, 2);
            prefix[13] = ':';
            put(prefix, t.getMinute(), 14, 2);
            prefix[16] = ':';
            put(prefix, t.getSecond(), 17, 2);
            this.words = AsciiWords.of(prefix);
        }

        /** Writes {@code value} zero-padded into {@code width} digits at {@code at}. */
        private static void put(byte[] prefix, int value, int at, int width) {
            for (int i = at + width - 1; i >= at; i--) {
                prefix[i] = (byte) ('0' + value % 10);
                value /= 10;
            }
        }
    }
}
