package dev.ncbridge.ingest.codec;

import dev.ncbridge.ingest.crash.CrashKind;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Function;

/**
 * The counts of one or more decoders. Each decoder writes its own {@link Writer}, read by the
 * metrics endpoint as the sum of them all.
 */
public final class DecodeCounters {
    private static final int COUNTERS = DecodeCounter.values().length;
    private static final int REASONS = MalformedReason.values().length;
    private static final int LIMITS = LimitReason.values().length;
    private static final int CRASH_KINDS = CrashKind.values().length;

    private final Queue<Writer> writers = new ConcurrentLinkedQueue<>();

    /** A writer of these counts for one decoder, counted in every sum from now on. */
    Writer writer() {
        Writer w = new Writer();
        writers.add(w);
        return w;
    }

    /**
     * One decoder's counts. A decoder runs on one thread, so each count has one writer, which adds
     * to it with a plain read and an ordered store, where a {@link java.util.concurrent.atomic.LongAdder}
     * takes a compare-and-set: three per datagram, and more per record, on the decode worker's path.
     * Readers on other threads see every count as it was at some moment, never a lost update.
     */
    static final class Writer {
        private final AtomicLongArray counts = new AtomicLongArray(COUNTERS);
        private final AtomicLongArray malformed = new AtomicLongArray(REASONS);
        private final AtomicLongArray limited = new AtomicLongArray(LIMITS);
        private final AtomicLongArray crashes = new AtomicLongArray(CRASH_KINDS + 1);

        private Writer() {
        }

        void increment(DecodeCounter c) {
            add(counts, c.ordinal(), 1);
        }

        void add(DecodeCounter c, long n) {
            add(counts, c.ordinal(), n);
        }

        void malformed(MalformedReason reason) {
            add(malformed, reason.ordinal(), 1);
        }

        void limited(LimitReason reason) {
            add(limited, reason.ordinal(), 1);
        }

        void crash(CrashKind kind) {
            add(crashes, kind.ordinal(), 1);
        }

        /** Kept after the crash kinds, in the same array. */
        void unexplainedReboot() {
            add(crashes, CRASH_KINDS, 1);
        }

        private static void add(AtomicLongArray a, int i, long n) {
            a.setRelease(i, a.getPlain(i) + n);
        }
    }

    /** Crash records emitted of {@code kind}. */
    public long crashes(CrashKind kind) {
        return sum(w -> w.crashes, kind.ordinal());
    }

    /** Kernel restarts that nothing the source sent before explains. */
    public long unexplainedReboots() {
        return sum(w -> w.crashes, CRASH_KINDS);
    }

    public long get(DecodeCounter c) {
        return sum(w -> w.counts, c.ordinal());
    }

    public long malformedCount(MalformedReason reason) {
        return sum(w -> w.malformed, reason.ordinal());
    }

    public long limitedCount(LimitReason reason) {
        return sum(w -> w.limited, reason.ordinal());
    }

    /** Malformed datagrams of every reason. */
    public long malformedTotal() {
        long sum = 0;
        for (int i = 0; i < REASONS; i++) {
            sum += sum(w -> w.malformed, i);
        }
        return sum;
    }

    private long sum(Function<Writer, AtomicLongArray> array, int index) {
        long sum = 0;
        for (Writer w : writers) {
            sum += array.apply(w).getAcquire(index);
        }
        return sum;
    }
}
