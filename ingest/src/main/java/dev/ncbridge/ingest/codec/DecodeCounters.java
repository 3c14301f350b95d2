package dev.ncbridge.ingest.codec;

import dev.ncbridge.ingest.crash.CrashKind;
import java.util.concurrent.atomic.LongAdder;

/**
 * The counts of one or more decoders. Written by decode workers, read by the metrics endpoint;
 * {@link LongAdder} keeps the writers cheap and the readers safe without a lock.
 */
public final class DecodeCounters {
    private static final DecodeCounter[] COUNTERS = DecodeCounter.values();
    private static final MalformedReason[] REASONS = MalformedReason.values();
    private static final LimitReason[] LIMITS = LimitReason.values();
    private static final CrashKind[] CRASH_KINDS = CrashKind.values();

    private final LongAdder[] counts = new LongAdder[COUNTERS.length];
    private final LongAdder[] malformed = new LongAdder[REASONS.length];
    private final LongAdder[] limited = new LongAdder[LIMITS.length];
    private final LongAdder[] crashes = new LongAdder[CRASH_KINDS.length];
    private final LongAdder unexplainedReboots = new LongAdder();

    public DecodeCounters() {
        for (int i = 0; i < counts.length; i++) {
            counts[i] = new LongAdder();
        }
        for (int i = 0; i < malformed.length; i++) {
            malformed[i] = new LongAdder();
        }
        for (int i = 0; i < limited.length; i++) {
            limited[i] = new LongAdder();
        }
        for (int i = 0; i < crashes.length; i++) {
            crashes[i] = new LongAdder();
        }
    }

    void increment(DecodeCounter c) {
        counts[c.ordinal()].increment();
    }

    void add(DecodeCounter c, long n) {
        counts[c.ordinal()].add(n);
    }

    void malformed(MalformedReason reason) {
        malformed[reason.ordinal()].increment();
    }

    void limited(LimitReason reason) {
        limited[reason.ordinal()].increment();
    }

    void crash(CrashKind kind) {
        crashes[kind.ordinal()].increment();
    }

    void unexplainedReboot() {
        unexplainedReboots.increment();
    }

    /** Crash records emitted of {@code kind}. */
    public long crashes(CrashKind kind) {
        return crashes[kind.ordinal()].sum();
    }

    /** Kernel restarts that nothing the source sent before explains. */
    public long unexplainedReboots() {
        return unexplainedReboots.sum();
    }

    public long get(DecodeCounter c) {
        return counts[c.ordinal()].sum();
    }

    public long malformedCount(MalformedReason reason) {
        return malformed[reason.ordinal()].sum();
    }

    public long limitedCount(LimitReason reason) {
        return limited[reason.ordinal()].sum();
    }

    /** Malformed datagrams of every reason. */
    public long malformedTotal() {
        long sum = 0;
        for (LongAdder a : malformed) {
            sum += a.sum();
        }
        return sum;
    }
}
