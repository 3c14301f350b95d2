package dev.ncbridge.ingest.codec;

import dev.ncbridge.ingest.memory.ByteBudget;
import java.util.Arrays;

/**
 * Joins one legacy source's datagrams into console lines. The kernel cuts console output into
 * datagrams of at most 1000 bytes with no marker, and one datagram may hold several lines, so
 * text is buffered until a newline. The buffer exists only while a line is partial (it is given
 * back with the line), is bounded per line ({@code maxLineBytes}: a longer line is emitted in
 * parts) and, across all sources, by the shared legacy line memory: when that is spent the
 * partial line is emitted as it is, counted, rather than held.
 */
final class LegacyLineAssembler {
    /** Receives each line, without its newline. */
    interface LineListener {
        void line(byte[] buf, int from, int to, int datagrams, boolean partial);
    }

    /** What bounds every source's buffer, and where the cuts are counted. */
    record Bounds(int maxLineBytes, ByteBudget memory, DecodeCounters.Writer counters) {
    }

    private static final int FIRST_CAPACITY = 256;

    private final Bounds bounds;
    /** The partial line; null while there is none. Its whole length is reserved from the shared memory. */
    private byte[] pending;
    private int length;
    /** Datagrams that contributed to the pending line. */
    private int datagrams;
    private long lastArrivalNanos;

    LegacyLineAssembler(Bounds bounds) {
        this.bounds = bounds;
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
            if (length == 0 && nl >= 0 && end - p <= bounds.maxLineBytes()) {
                listener.line(buf, p, trimCarriageReturn(buf, p, end), datagrams, false);
                datagrams = 0;
                contributed = false;
            } else {
                append(buf, p, end, listener);
                if (nl >= 0) {
                    if (pending != null) { // else the memory bound already sent the line out in parts
                        listener.line(pending, 0, trimCarriageReturn(pending, 0, length), datagrams, false);
                    }
                    release();
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
            int room = bounds.maxLineBytes() - length;
            if (room == 0) {
                // Full before this datagram added a byte (p == from: only the first segment of a
                // datagram can meet a full buffer): the part came from the earlier datagrams only.
                listener.line(pending, 0, length, p == from ? datagrams - 1 : datagrams, true);
                length = 0;
                datagrams = 1;
                room = bounds.maxLineBytes();
            }
            int n = Math.min(room, to - p);
            if (!reserve(length + n)) {
                // No memory to hold the line: what is held and this piece go out now, as parts.
                bounds.counters().limited(LimitReason.LEGACY_MEMORY);
                if (length > 0) {
                    listener.line(pending, 0, length, datagrams, true);
                    release();
                }
                listener.line(buf, p, p + n, 1, true);
                datagrams = 0;
                p += n;
                continue;
            }
            System.arraycopy(buf, p, pending, length, n);
            length += n;
            p += n;
        }
    }

    /** Makes room for {@code needed} bytes, within the shared memory; false when it is spent. */
    private boolean reserve(int needed) {
        int have = pending == null ? 0 : pending.length;
        if (needed <= have) {
            return true;
        }
        int grown = Math.min(bounds.maxLineBytes(), Math.max(needed, Math.max(FIRST_CAPACITY, have * 2)));
        if (!bounds.memory().tryReserve(grown - have)) {
            return false;
        }
        pending = pending == null ? new byte[grown] : Arrays.copyOf(pending, grown);
        return true;
    }

    /** Gives the buffer back: a source between lines holds none. */
    private void release() {
        if (pending != null) {
            bounds.memory().release(pending.length);
            pending = null;
        }
        length = 0;
    }

    /** Emits the pending text of a line whose newline never came. */
    void flush(LineListener listener) {
        if (length > 0) {
            listener.line(pending, 0, length, datagrams, true);
            datagrams = 0;
        }
        release();
    }

    private static int trimCarriageReturn(byte[] buf, int from, int to) {
        return to > from && buf[to - 1] == '\r' ? to - 1 : to;
    }
}
