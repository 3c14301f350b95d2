package dev.ncbridge.ingest.codec;

import java.util.Arrays;

/**
 * Joins one legacy source's datagrams into console lines. The kernel cuts console output into
 * datagrams of at most 1000 bytes with no marker, and one datagram may hold several lines, so
 * text is buffered until a newline. The buffer is bounded; an over-long line is emitted in parts.
 */
final class LegacyLineAssembler {
    /** Receives each line, without its newline. */
    interface LineListener {
        void line(byte[] buf, int from, int to, int datagrams, boolean partial);
    }

    private final int maxLineBytes;
    private byte[] pending = new byte[256];
    private int length;
    /** Datagrams that contributed to the pending line. */
    private int datagrams;
    private long lastArrivalNanos;

    LegacyLineAssembler(int maxLineBytes) {
        this.maxLineBytes = maxLineBytes;
    }

    boolean hasPending() {
        return length > 0;
    }

    long lastArrivalNanos() {
        return lastArrivalNanos;
    }

    void accept(byte[] buf, int from, int to, long nowNanos, LineListener listener) {
        lastArrivalNanos = nowNanos;
        int p = from;
        boolean contributed = false;
        while (p < to) {
            int nl = ExtendedHeaderParser.indexOf(buf, p, to, (byte) '\n');
            int end = nl < 0 ? to : nl;
            if (!contributed) {
                datagrams++;
                contributed = true;
            }
            if (length == 0 && nl >= 0 && end - p <= maxLineBytes) {
                listener.line(buf, p, trimCarriageReturn(buf, p, end), datagrams, false);
                datagrams = 0;
                contributed = false;
            } else {
                append(buf, p, end, listener);
                if (nl >= 0) {
                    listener.line(pending, 0, trimCarriageReturn(pending, 0, length), datagrams, false);
                    length = 0;
                    datagrams = 0;
                    contributed = false;
                }
            }
            p = end + 1;
        }
    }

    private void append(byte[] buf, int from, int to, LineListener listener) {
        int p = from;
        while (p < to) {
            int room = maxLineBytes - length;
            if (room == 0) {
                // Full before this datagram added a byte (p == from: only the first segment of a
                // datagram can meet a full buffer): the part came from the earlier datagrams only.
                listener.line(pending, 0, length, p == from ? datagrams - 1 : datagrams, true);
                length = 0;
                datagrams = 1;
                room = maxLineBytes;
            }
            int n = Math.min(room, to - p);
            if (length + n > pending.length) {
                pending = Arrays.copyOf(pending, Math.min(maxLineBytes, Math.max(length + n, pending.length * 2)));
            }
            System.arraycopy(buf, p, pending, length, n);
            length += n;
            p += n;
        }
    }

    /** Emits the pending text of a line whose newline never came. */
    void flush(LineListener listener) {
        if (length > 0) {
            listener.line(pending, 0, length, datagrams, true);
            length = 0;
            datagrams = 0;
        }
        if (pending.length > 4096) {
            pending = new byte[256];
        }
    }

    private static int trimCarriageReturn(byte[] buf, int from, int to) {
        return to > from && buf[to - 1] == '\r' ? to - 1 : to;
    }
}
