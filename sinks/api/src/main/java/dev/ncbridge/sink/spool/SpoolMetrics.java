package dev.ncbridge.sink.spool;

import dev.ncbridge.sink.LatencyBuckets;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/**
 * The meters of one sink's spool, tagged {@code sink=<name>}. The spool updates them from one
 * thread at a time; the gauges read them from the scraping thread.
 */
public final class SpoolMetrics {
    private final Counter corrupt;
    private final Counter replayed;
    private final Timer writeLatency;
    private final Timer fsyncLatency;
    private volatile long records;
    private volatile long bytes;
    /** When the oldest record in the spool was received, in nanoseconds since the epoch; 0 when empty. */
    private volatile long oldestNanos;

    public SpoolMetrics(MeterRegistry registry, String sink) {
        corrupt = Counter.builder("ncbridge.sink.spool.corrupt.records").tag("sink", sink)
                .description("Spooled records found damaged (torn writes, flipped bytes) and skipped").register(registry);
        replayed = Counter.builder("ncbridge.sink.spool.replayed").tag("sink", sink)
                .description("Records an earlier run left in the spool, delivered before new ones").register(registry);
        writeLatency = Timer.builder("ncbridge.sink.spool.write.latency").tag("sink", sink)
                .description("Time to write a group of records to the spool's file")
                .serviceLevelObjectives(LatencyBuckets.spoolIo()).register(registry);
        fsyncLatency = Timer.builder("ncbridge.sink.spool.fsync.latency").tag("sink", sink)
                .description("Time to force the spool's file to disk").serviceLevelObjectives(LatencyBuckets.spoolIo())
                .register(registry);
        Gauge.builder("ncbridge.sink.spool.records", this, m -> m.records).tag("sink", sink)
                .description("Records in the spool not yet delivered").register(registry);
        Gauge.builder("ncbridge.sink.spool.bytes", this, m -> m.bytes).tag("sink", sink).baseUnit("bytes")
                .description("Disk the spool's segment files use").register(registry);
        Gauge.builder("ncbridge.sink.spool.oldest.age", this, SpoolMetrics::oldestAgeSeconds).tag("sink", sink)
                .baseUnit("seconds").description("Age of the oldest record in the spool; 0 when empty")
                .register(registry);
    }

    /** Records in the spool not yet delivered. */
    public long records() {
        return records;
    }

    long bytes() {
        return bytes;
    }

    void added(long n, long size) {
        records += n;
        bytes += size;
    }

    void removed(long n, long size) {
        records -= n;
        bytes -= size;
    }

    void oldest(long receivedAtNanos) {
        oldestNanos = receivedAtNanos;
    }

    void corrupt(long n) {
        corrupt.increment(n);
    }

    void replayed(long n) {
        replayed.increment(n);
    }

    /** Records found in the spool when it was opened. */
    public long replayedCount() {
        return (long) replayed.count();
    }

    void writeLatency(long nanos) {
        writeLatency.record(nanos, TimeUnit.NANOSECONDS);
    }

    void fsyncLatency(long nanos) {
        fsyncLatency.record(nanos, TimeUnit.NANOSECONDS);
    }

    private double oldestAgeSeconds() {
        long oldest = oldestNanos;
        if (records == 0 || oldest == 0) {
            return 0;
        }
        return Math.max(0, (dev.ncbridge.ingest.receive.WallClock.nowNanos() - oldest) / 1e9);
    }
}
