package dev.ncbridge.ingest.codec;

/**
 * Reads the {@code [ seconds.micros]} prefix printk puts on console lines when
 * {@code printk.time} is on.
 */
final class LegacyTimestamp {
    private static final int MAX_SECONDS_DIGITS = 12;

    private LegacyTimestamp() {
    }

    /**
     * The kernel time in microseconds, or null when the line has no prefix. {@link #prefixEnd}
     * gives where the text starts.
     */
    static Long parseMicros(byte[] buf, int from, int to) {
        int close = prefixClose(buf, from, to);
        if (close < 0) {
            return null;
        }
        int p = from + 1;
        while (buf[p] == ' ') {
            p++;
        }
        long seconds = 0;
        while (buf[p] != '.') {
            seconds = seconds * 10 + (buf[p++] - '0');
        }
        p++;
        long fraction = 0;
        int fractionDigits = 0;
        while (p < close) {
            if (fractionDigits < 6) {
                fraction = fraction * 10 + (buf[p] - '0');
                fractionDigits++;
            }
            p++;
        }
        while (fractionDigits < 6) {
            fraction *= 10;
            fractionDigits++;
        }
        return seconds * 1_000_000 + fraction;
    }

    /** Where the line's text starts: after the prefix and the one space printk writes after it. */
    static int prefixEnd(byte[] buf, int from, int to) {
        int close = prefixClose(buf, from, to);
        if (close < 0) {
            return from;
        }
        int p = close + 1;
        return p < to && buf[p] == ' ' ? p + 1 : p;
    }

    /** The index of the {@code ]} of a well-formed prefix {@code [ *digits.digits]}, or -1. */
    private static int prefixClose(byte[] buf, int from, int to) {
        if (from >= to || buf[from] != '[') {
            return -1;
        }
        int p = from + 1;
        while (p < to && buf[p] == ' ') {
            p++;
        }
        int intStart = p;
        while (p < to && buf[p] >= '0' && buf[p] <= '9') {
            p++;
        }
        if (p == intStart || p - intStart > MAX_SECONDS_DIGITS || p >= to || buf[p] != '.') {
            return -1;
        }
        p++;
        int fracStart = p;
        while (p < to && buf[p] >= '0' && buf[p] <= '9') {
            p++;
        }
        if (p == fracStart || p >= to || buf[p] != ']') {
            return -1;
        }
        return p;
    }
}
