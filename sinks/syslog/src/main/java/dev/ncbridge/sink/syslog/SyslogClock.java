package dev.ncbridge.sink.syslog;

import io.netty.buffer.ByteBuf;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Writes receive times as syslog timestamps, in UTC: RFC 3339 with microseconds for RFC 5424
 * ({@code 2026-11-21T10:15:30.123456Z}), {@code Mmm dd hh:mm:ss} for RFC 3164. Records come in
 * bursts within a second, so the text of the current second is kept and only the fraction is
 * computed per record. Not thread-safe: one per sink, used on the sink's thread.
 */
final class SyslogClock {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final byte[][] MONTHS = {
        bytes("Jan"), bytes("Feb"), bytes("Mar"), bytes("Apr"), bytes("May"), bytes("Jun"),
        bytes("Jul"), bytes("Aug"), bytes("Sep"), bytes("Oct"), bytes("Nov"), bytes("Dec"),
    };

    /** {@code yyyy-MM-ddTHH:mm:ss} of {@link #second}. */
    private final byte[] rfc3339 = new byte[19];
    /** {@code Mmm dd hh:mm:ss} of {@link #second}. */
    private final byte[] rfc3164 = new byte[15];
    private long second = Long.MIN_VALUE;

    void writeRfc3339(ByteBuf out, long epochNanos) {
        load(epochNanos);
        out.writeBytes(rfc3339);
        out.writeByte('.');
        int micros = (int) (Math.floorMod(epochNanos, NANOS_PER_SECOND) / 1000);
        for (int div = 100_000; div > 0; div /= 10) {
            out.writeByte('0' + micros / div % 10);
        }
        out.writeByte('Z');
    }

    void writeRfc3164(ByteBuf out, long epochNanos) {
        load(epochNanos);
        out.writeBytes(rfc3164);
    }

    private void load(long epochNanos) {
        long s = Math.floorDiv(epochNanos, NANOS_PER_SECOND);
        if (s == second) {
            return;
        }
        second = s;
        LocalDateTime t = LocalDateTime.ofEpochSecond(s, 0, ZoneOffset.UTC);
        Ascii.putPadded(rfc3339, 0, 4, t.getYear());
        rfc3339[4] = '-';
        Ascii.putPadded(rfc3339, 5, 2, t.getMonthValue());
        rfc3339[7] = '-';
        Ascii.putPadded(rfc3339, 8, 2, t.getDayOfMonth());
        rfc3339[10] = 'T';
        time(rfc3339, 11, t);
        System.arraycopy(MONTHS[t.getMonthValue() - 1], 0, rfc3164, 0, 3);
        rfc3164[3] = ' ';
        // RFC 3164: a day below 10 is padded with a space, not a zero.
        rfc3164[4] = (byte) (t.getDayOfMonth() < 10 ? ' ' : '0' + t.getDayOfMonth() / 10);
        rfc3164[5] = (byte) ('0' + t.getDayOfMonth() % 10);
        rfc3164[6] = ' ';
        time(rfc3164, 7, t);
    }

    private static void time(byte[] into, int at, LocalDateTime t) {
        Ascii.putPadded(into, at, 2, t.getHour());
        into[at + 2] = ':';
        Ascii.putPadded(into, at + 3, 2, t.getMinute());
        into[at + 5] = ':';
        Ascii.putPadded(into, at + 6, 2, t.getSecond());
    }

    private static byte[] bytes(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
