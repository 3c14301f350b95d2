package dev.ncbridge.ingest.crash;

import dev.ncbridge.ingest.memory.ByteBudget;
import java.util.ArrayList;
import java.util.List;

/**
 * A collector fed kernel text by hand, one line a message, as one source would send it: kernel
 * time 100 µs and receive time 1 ms apart, seq counting up on an extended target.
 */
final class CollectorDriver implements CrashListener {
    /** No bound across reports: only each report's own bounds hold. */
    static final ByteBudget UNBOUNDED = new ByteBudget("crash_reports", Long.MAX_VALUE);

    final CrashCollector collector;
    final List<CrashReport> reports = new ArrayList<>();
    final List<UnexplainedRestart> restarts = new ArrayList<>();
    private final boolean extended;
    long dropped;
    long seq = 100;
    long kernelTimeUs = 5_000_000;
    long nowNanos = 1_000_000_000_000L;

    private CollectorDriver(CrashLimits limits, ByteBudget memory, boolean extended) {
        this.collector = new CrashCollector(limits, memory);
        this.extended = extended;
    }

    static CollectorDriver extended() {
        return extended(CrashLimits.defaults());
    }

    static CollectorDriver legacy() {
        return new CollectorDriver(CrashLimits.defaults(), UNBOUNDED, false);
    }

    static CollectorDriver extended(CrashLimits limits) {
        return extended(limits, UNBOUNDED);
    }

    static CollectorDriver extended(CrashLimits limits, ByteBudget memory) {
        return new CollectorDriver(limits, memory, true);
    }

    /** Sends every line of {@code text} as one message. */
    CollectorDriver send(String text) {
        for (String line : text.split("\n", -1)) {
            line(line);
        }
        return this;
    }

    CollectorDriver line(String line) {
        seq++;
        kernelTimeUs += 100;
        nowNanos += 1_000_000;
        if (extended) {
            collector.acceptExtended(line, seq, kernelTimeUs, nowNanos, this);
        } else {
            collector.acceptLegacy(line, kernelTimeUs, nowNanos, this);
        }
        return this;
    }

    /** Lets {@code millis} pass on both clocks, expiring what waits. */
    CollectorDriver idle(long millis) {
        nowNanos += millis * 1_000_000;
        kernelTimeUs += millis * 1000;
        collector.expire(nowNanos, this);
        return this;
    }

    /** The source's kernel restarts: seq and kernel time start over. */
    boolean restart() {
        nowNanos += 1_000_000;
        seq = 0;
        kernelTimeUs = 0;
        return collector.restart(nowNanos, this);
    }

    CrashReport only() {
        if (reports.size() != 1) {
            throw new AssertionError("expected one report, got " + reports);
        }
        return reports.get(0);
    }

    @Override
    public void report(CrashReport report) {
        reports.add(report);
    }

    @Override
    public void unexplainedRestart(UnexplainedRestart restart) {
        restarts.add(restart);
    }

    @Override
    public void linesDropped(int lines) {
        dropped += lines;
    }
}
