package dev.ncbridge.ingest.codec;

import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * Follows one increasing counter of a source (the printk seq or the netconsole msgid) and keeps
 * the ranges skipped by it for a reorder window, so that a late datagram can fill its gap before
 * the gap is reported. Bounded: beyond {@code maxGaps} the oldest gap is reported at once, and a
 * jump beyond {@code maxJump} opens no gap at all (no real source skips that many; a forged or
 * corrupt number must not count as billions of lost messages). The gap list is allocated with
 * the first gap, so a source that loses nothing pays for none.
 */
final class GapTracker {
    /** Receives gaps that were not filled in time. */
    interface GapListener {
        void gap(long first, long last);
    }

    /** A counter this far below the highest value, and in no gap, has restarted. */
    private static final long RESTART_DISTANCE = 1L << 16;

    private final long windowNanos;
    private final int maxGaps;
    private final long maxJump;
    /** Each gap is {first, last, deadline}; gaps are created in deadline order. Null until the first gap. */
    private ArrayDeque<long[]> gaps;
    private long highest = -1;

    GapTracker(long windowNanos, int maxGaps, long maxJump) {
        this.windowNanos = windowNanos;
        this.maxGaps = maxGaps;
        this.maxJump = maxJump;
    }

    long highest() {
        return highest;
    }

    boolean hasPendingGaps() {
        return gaps != null && !gaps.isEmpty();
    }

    boolean isPending(long value) {
        if (gaps == null) {
            return false;
        }
        for (long[] g : gaps) {
            if (value >= g[0] && value <= g[1]) {
                return true;
            }
        }
        return false;
    }

    /**
     * Takes the next value of the counter.
     *
     * @return true when the value jumped ahead by more than {@code maxJump}: no gap was opened
     */
    boolean observe(long value, long nowNanos, GapListener listener) {
        if (highest < 0 || value > highest) {
            boolean jumped = highest >= 0 && value - highest > maxJump;
            if (jumped) {
                flush(listener);
            } else if (highest >= 0 && value > highest + 1) {
                if (gaps == null) {
                    gaps = new ArrayDeque<>(4);
                }
                gaps.addLast(new long[] {highest + 1, value - 1, nowNanos + windowNanos});
                if (gaps.size() > maxGaps) {
                    long[] oldest = gaps.removeFirst();
                    listener.gap(oldest[0], oldest[1]);
                }
            }
            highest = value;
            return jumped;
        }
        if (!fill(value) && highest - value > RESTART_DISTANCE) {
            flush(listener);
            highest = value;
        }
        return false;
    }

    private boolean fill(long value) {
        if (gaps == null) {
            return false;
        }
        for (Iterator<long[]> it = gaps.iterator(); it.hasNext(); ) {
            long[] g = it.next();
            if (value < g[0] || value > g[1]) {
                continue;
            }
            if (g[0] == g[1]) {
                it.remove();
            } else if (value == g[0]) {
                g[0]++;
            } else if (value == g[1]) {
                g[1]--;
            } else {
                // Split in place: the upper part becomes a new gap with the same deadline. Order
                // by deadline is kept because both halves share it; appending would break it, so
                // rebuild the deque around the split point.
                long[] upper = {value + 1, g[1], g[2]};
                g[1] = value - 1;
                insertAfter(g, upper);
            }
            return true;
        }
        return false;
    }

    private void insertAfter(long[] anchor, long[] gap) {
        ArrayDeque<long[]> rest = new ArrayDeque<>();
        while (gaps.peekLast() != anchor) {
            rest.addFirst(gaps.removeLast());
        }
        gaps.addLast(gap);
        gaps.addAll(rest);
    }

    /** Reports the gaps whose reorder window has passed. */
    void expire(long nowNanos, GapListener listener) {
        while (hasPendingGaps() && gaps.peekFirst()[2] <= nowNanos) {
            long[] g = gaps.removeFirst();
            listener.gap(g[0], g[1]);
        }
        if (gaps != null && gaps.isEmpty()) {
            gaps = null;
        }
    }

    /** Reports every pending gap now. */
    void flush(GapListener listener) {
        while (hasPendingGaps()) {
            long[] g = gaps.removeFirst();
            listener.gap(g[0], g[1]);
        }
        gaps = null;
    }

    /** Forgets everything, as after a kernel restart. Pending gaps must be flushed first. */
    void restart() {
        gaps = null;
        highest = -1;
    }
}
