package dev.ncbridge.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ncbridge.ingest.testing.Records;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The runner's counters exist at 0 for every reason known in advance, and latency is a histogram. */
class SinkMetricsTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private SinkRunner runner;

    @AfterEach
    void close() {
        if (runner != null) {
            runner.close(Duration.ofSeconds(1));
        }
    }

    /** A sink that declares one retry and one reject reason of its own. */
    private static final class DeclaringSink extends RecordingSink {
        @Override
        public Set<String> retryReasons() {
            return Set.of("busy");
        }

        @Override
        public Set<String> rejectReasons() {
            return Set.of("too_large");
        }
    }

    private SinkRunner runner(Sink sink) {
        RunnerSettings settings = new RunnerSettings("test", "json", null, 100, null, Overflow.DROP_NEWEST, null,
                new RunnerSettings.Batching(1, null, Duration.ofMillis(1)), null, null);
        runner = new SinkRunner("t", sink, settings, registry, RejectHandler.NONE);
        return runner;
    }

    private Map<String, Double> byReason(String meter) {
        return registry.find(meter).tag("sink", "t").counters().stream()
                .collect(Collectors.toMap(c -> c.getId().getTag("reason"), Counter::count));
    }

    /** A reload replaces a runner under the same name: the series add up, each runner's stop line is its own. */
    @Test
    void twoRunnersOfOneNameShareTheSeriesButAccountEachForItsOwn() {
        SinkMetrics draining = new SinkMetrics(registry, "t", new RecordingSink(), () -> 0, 2, () -> 1);
        SinkMetrics replacing = new SinkMetrics(registry, "t", new RecordingSink(), () -> 0, 2, () -> 1);
        for (int i = 0; i < 3; i++) {
            draining.accepted(1);
        }
        draining.sent(3);
        replacing.accepted(2);
        replacing.dropped(DropReason.SHUTDOWN, 1);

        assertThat(registry.get("ncbridge.sink.records.accepted").tag("sink", "t").counter().count()).isEqualTo(5);
        assertThat(draining.account(0, 0, 0))
                .isEqualTo("accepted 3 + replayed 0 = sent 3 + dropped 0 + failed 0 + queued 0 + spooled 0");
        assertThat(replacing.account(0, 1, 0))
                .isEqualTo("accepted 2 + replayed 0 = sent 0 + dropped 1 + failed 0 + queued 1 + spooled 0");
    }

    @Test
    void everyKnownReasonIsThereAtZeroBeforeAnyRecord() {
        runner(new DeclaringSink());

        assertThat(byReason("ncbridge.sink.records.dropped")).containsOnlyKeys("queue_full", "evicted", "spool_full", "shutdown")
                .allSatisfy((reason, n) -> assertThat(n).isZero());
        assertThat(byReason("ncbridge.sink.records.failed")).containsOnlyKeys("retries_exhausted", "too_large")
                .allSatisfy((reason, n) -> assertThat(n).isZero());
        assertThat(byReason("ncbridge.sink.records.retried")).containsOnlyKeys("error", "busy")
                .allSatisfy((reason, n) -> assertThat(n).isZero());
    }

    @Test
    void aReasonTheSinkDidNotDeclareStillCountsFromItsFirstRecord() throws Exception {
        RecordingSink sink = new DeclaringSink();
        sink.answer = b -> CompletableFuture.completedFuture(BatchResult.builder().reject(0, "surprise").build());
        runner(sink).start();

        runner.offer(Records.legacy().message("m").source(new InetSocketAddress("10.0.0.1", 6665)).build());

        await().until(() -> byReason("ncbridge.sink.records.failed").getOrDefault("surprise", 0.0) == 1.0);
        assertThat(byReason("ncbridge.sink.records.failed")).containsEntry("too_large", 0.0);
    }

    @Test
    void batchLatencyIsAHistogramFromHalfAMillisecondToThirtySeconds() {
        runner(new RecordingSink());

        CountAtBucket[] buckets = registry.get("ncbridge.sink.batch.latency").timer().takeSnapshot().histogramCounts();

        assertThat(buckets).hasSize(LatencyBuckets.sinkBatch().length);
        assertThat(buckets[0].bucket(TimeUnit.MILLISECONDS)).isEqualTo(0.5);
        assertThat(buckets[buckets.length - 1].bucket(TimeUnit.SECONDS)).isEqualTo(30);
    }
}
