package dev.ncbridge.sink.syslog;

import io.netty.buffer.ByteBuf;

/** Writes numbers and sanitized ASCII tokens into buffers without making strings. */
final class Ascii {
    private Ascii() {
    }

    /** Writes {@code value} in decimal. */
    static void writeDecimal(ByteBuf out, long value) {
        if (value < 0) {
            if (value == Long.MIN_VALUE) {
                out.writeCharSequence(Long.toString(value), java.nio.charset.StandardCharsets.US_ASCII);
                return;
            }
            out.writeByte('-');
            value = -value;
        }
        int digits = 1;
        for (long v = value; v >= 10; v /= 10) {
            digits++;
        }
        int end = out.writerIndex() + digits;
        out.ensureWritable(digits);
        long v = value;
        for (int i = end - 1; i >= out.writerIndex(); i--) {
            out.setByte(i, (int) ('0' + v % 10));
            v /= 10;
        }
        out.writerIndex(end);
    }

    /** Writes {@code value} as {@code width} digits, zero-padded, into {@code into} at {@code at}. */
    static void putPadded(byte[] into, int at, int width, int value) {
        for (int i = at + width - 1; i >= at; i--) {
            into[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
    }

    /**
     * Writes an RFC 5424 HOSTNAME: visible ASCII only (anything else becomes {@code _}), at most
     * 255 characters, {@code -} (NILVALUE) when empty.
     */
    static void writeHostname5424(ByteBuf out, String name) {
        writeHostname(out, name, SyslogNames::printable);
    }

    /**
     * Writes an RFC 3164 HOSTNAME: letters, digits, {@code . - _} (anything else, including the
     * colons of an IPv6 address, which receivers would take for the end of the TAG, becomes
     * {@code _}), at most 255 characters, {@code -} when empty.
     */
    static void writeHostname3164(ByteBuf out, String name) {
        writeHostname(out, name, c -> (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '.' || c == '-' || c == '_');
    }

    private interface CharTest {
        boolean allowed(char c);
    }

    private static void writeHostname(ByteBuf out, String name, CharTest allowed) {
        int n = Math.min(name.length(), 255);
        if (n == 0) {
            out.writeByte('-');
            return;
        }
        for (int i = 0; i < n; i++) {
            char c = name.charAt(i);
            out.writeByte(allowed.allowed(c) ? c : '_');
        }
    }
}
