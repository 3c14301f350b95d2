package dev.ncbridge.sink;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * The meters of one sink, all tagged {@code sink=<name>}. Drop and failure reasons are tags from
 * small fixed sets, so the number of series stays bounded. The reasons known in advance (the
 * runner's and those the sink declares) are registered at 0, so that {@code increase(...)} sees the
 * first records they count.
 */
final class SinkMetrics {
    /** The failure reason of records still failing when {@code retry.max_attempts} ran out. */
    static final String RETRIES_EXHAUSTED = "retries_exhausted";
    /** The retry reason of a whole batch whose write failed (the sink threw, or its stage failed). */
    static final String WRITE_FAILED = "error";

    private final MeterRegistry registry;
    private final String sink;
    private final Counter accepted;
    private final Counter sent;
    final Timer batchLatency;
    final Counter blockedSeconds;
    private final ConcurrentMap<String, Counter> dropped = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Counter> failed = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Counter> retried = new ConcurrentHashMap<>();
    /**
     * This runner's own part of the counters, for {@link #account}: the counters are the sink
     * name's, which a runner replacing this one on a reload adds to while this one drains.
     */
    private final LongAdder ownAccepted = new LongAdder();
    private final LongAdder ownSent = new LongAdder();
    private final LongAdder ownDropped = new LongAdder();
    private final LongAdder ownFailed = new LongAdder();

    SinkMetrics(MeterRegistry registry, String sink, Sink declared, Supplier<Number> queued, int capacity,
                Supplier<Number> healthy) {
        this.registry = registry;
        this.sink = sink;
        accepted = Counter.builder("ncbridge.sink.records.accepted").tag("sink", sink)
                .description("Records routed to the sink, whatever became of them").register(registry);
        sent = Counter.builder("ncbridge.sink.records.sent").tag("sink", sink)
                .description("Records the sink's destination acknowledged").register(registry);
        batchLatency = Timer.builder("ncbridge.sink.batch.latency").tag("sink", sink)
                .description("Time from handing a batch to the sink until it settled")
                .serviceLevelObjectives(LatencyBuckets.sinkBatch()).register(registry);
        blockedSeconds = Counter.builder("ncbridge.sink.blocked").baseUnit("seconds").tag("sink", sink)
                .description("Time the router waited for room in the queue (overflow: block)").register(registry);
        // Gauges hold their object weakly by default; these suppliers have no other owner.
        Gauge.builder("ncbridge.sink.queue.size", queued, q -> q.get().doubleValue()).tag("sink", sink)
                .strongReference(true).description("Records waiting in the sink's queue").register(registry);
        Gauge.builder("ncbridge.sink.queue.capacity", () -> capacity).tag("sink", sink)
                .description("Records the sink's queue holds before its overflow policy applies").register(registry);
        Gauge.builder("ncbridge.sink.healthy", healthy, h -> h.get().doubleValue()).tag("sink", sink)
                .strongReference(true).description("1 while the sink's last write succeeded and it reports itself healthy")
                .register(registry);
        for (DropReason reason : DropReason.values()) {
            dropped(reason, 0);
        }
        failed(RETRIES_EXHAUSTED, 0);
        declared.rejectReasons().forEach(reason -> failed(reason, 0));
        retried(WRITE_FAILED, 0);
        declared.retryReasons().forEach(reason -> retried(reason, 0));
    }

    void accepted(int n) {
        accepted.increment(n);
        ownAccepted.add(n);
    }

    void sent(long n) {
        sent.increment(n);
        ownSent.add(n);
    }

    /** Records lost before the destination saw them. */
    void dropped(DropReason reason, long n) {
        ownDropped.add(n);
        counter(dropped, "ncbridge.sink.records.dropped", reason.label(), "Records dropped before delivery, by reason")
                .increment(n);
    }

    /** Records the destination rejected for good, or that ran out of retries. */
    void failed(String reason, long n) {
        ownFailed.add(n);
        counter(failed, "ncbridge.sink.records.failed", reason, "Records that could not be delivered, by reason").increment(n);
    }

    /** Records sent again after a retryable failure. */
    void retried(String reason, long n) {
        counter(retried, "ncbridge.sink.records.retried", reason, "Records retried, by reason").increment(n);
    }

    /**
     * Where every record went, for the log line at close: accepted (and replayed from the spool)
     * equals sent + dropped + failed + queued + spooled.
     */
    String account(long replayed, long queued, long spooled) {
        return String.format("accepted %d + replayed %d = sent %d + dropped %d + failed %d + queued %d + spooled %d",
                ownAccepted.sum(), replayed, ownSent.sum(), ownDropped.sum(), ownFailed.sum(), queued, spooled);
    }

    private Counter counter(ConcurrentMap<String, Counter> cache, String name, String reason, String description) {
        return cache.computeIfAbsent(reason, r -> Counter.builder(name).tag("sink", sink).tag("reason", r)
                .description(description).register(registry));
    }
}
