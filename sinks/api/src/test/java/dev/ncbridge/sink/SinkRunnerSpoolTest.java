package dev.ncbridge.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ncbridge.config.DataSize;
import dev.ncbridge.ingest.record.KernelMessage;
import dev.ncbridge.ingest.testing.Records;
import dev.ncbridge.sink.spool.SpoolSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code overflow: spool}: records go to disk when the sink falls behind, and nothing is lost. */
class SinkRunnerSpoolTest {
    @TempDir
    Path dir;
    private SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final RecordingSink sink = new RecordingSink();
    private SinkRunner runner;

    @AfterEach
    void close() {
        if (runner != null) {
            runner.close(Duration.ofSeconds(1));
        }
    }

    private static KernelMessage record(int i) {
        return Records.legacy().receivedAtNanos(i).message("m" + i).source(new InetSocketAddress("10.0.0.1", 6665)).build();
    }

    private SinkRunner start(RecordingSink sink, String maxSize, SpoolSettings.WhenFull whenFull) throws Exception {
        registry = new SimpleMeterRegistry();
        RunnerSettings settings = new RunnerSettings("test", "json", null, 100, null, Overflow.SPOOL,
                new SpoolSettings(dir.toString(), DataSize.parse(maxSize), null, null, whenFull),
                new RunnerSettings.Batching(50, null, Duration.ofMillis(5)),
                new RunnerSettings.Retry(Duration.ofMillis(20), Duration.ofMillis(50), 0), null);
        runner = new SinkRunner("t", sink, settings, registry, RejectHandler.NONE);
        runner.start();
        return runner;
    }

    private double spooled() {
        return registry.get("ncbridge.sink.spool.records").gauge().value();
    }

    private static List<String> messages(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(i -> "m" + i).toList();
    }

    @Test
    void anOutageGoesToDiskAndEverythingArrivesInOrderAfterIt() throws Exception {
        sink.answer = batch -> CompletableFuture.failedFuture(new IOException("connection refused"));
        start(sink, "16MiB", null);
        for (int i = 0; i < 1000; i++) {
            assertThat(runner.offer(record(i))).isTrue();
        }
        await().until(() -> spooled() == 1000);
        assertThat(runner.spooling()).isTrue();
        assertThat(SinkCounts.of(registry, "t").balanced()).isTrue();

        // Acknowledged batches only: an attempt made before the answer changed fails and is
        // retried, and as attempts its records would show twice (red once in CI).
        sink.answer = batch -> CompletableFuture.completedFuture(BatchResult.ok());
        await().until(() -> sink.acknowledgedMessages().size() >= 1000 && spooled() == 0);
        assertThat(sink.acknowledgedMessages()).containsExactlyElementsOf(messages(0, 999));
        for (int i = 1000; i < 1010; i++) {
            runner.offer(record(i));
        }
        await().until(() -> sink.acknowledgedMessages().size() == 1010);
        assertThat(runner.spooling()).isFalse();
        SinkCounts counts = SinkCounts.of(registry, "t");
        assertThat(counts.sent()).isEqualTo(1010);
        assertThat(counts.balanced()).as("%s", counts).isTrue();
    }

    @Test
    void whatAStalledSinkHoldsAtCloseIsSpooledAndDeliveredByTheNextRun() throws Exception {
        sink.answer = batch -> new CompletableFuture<>();
        start(sink, "16MiB", null);
        for (int i = 0; i < 300; i++) {
            runner.offer(record(i));
        }
        await().until(() -> !sink.batches.isEmpty());
        runner.close(Duration.ofMillis(200));
        runner = null;
        SinkCounts counts = SinkCounts.of(registry, "t");
        assertThat(counts.spooled()).isEqualTo(300);
        assertThat(counts.dropped()).isZero();
        assertThat(counts.balanced()).as("%s", counts).isTrue();

        RecordingSink next = new RecordingSink();
        start(next, "16MiB", null);
        runner.offer(record(300));
        await().until(() -> next.messages().size() == 301);
        assertThat(next.messages()).containsExactlyElementsOf(messages(0, 300));
        assertThat(SinkCounts.of(registry, "t").replayed()).isEqualTo(300);
        await().until(() -> SinkCounts.of(registry, "t").balanced() && spooled() == 0);
    }

    @Test
    void releasingWaitingProducersAtAStopLeavesASpoolSinkAccepting() throws Exception {
        sink.answer = batch -> CompletableFuture.failedFuture(new IOException("connection refused"));
        start(sink, "16MiB", null);
        runner.releaseWaitingProducers();
        for (int i = 0; i < 300; i++) {
            assertThat(runner.offer(record(i))).isTrue();
        }
        await().until(() -> spooled() == 300);
        assertThat(SinkCounts.of(registry, "t").dropped()).isZero();
    }

    /** A sink that fails every write, a 1 MiB spool and {@code n} records of about 1 KB: more than fit. */
    private SinkCounts outageOverfilling(SpoolSettings.WhenFull policy, int n) throws Exception {
        sink.answer = batch -> CompletableFuture.failedFuture(new IOException("down"));
        start(sink, "1MiB", policy);
        byte[] raw = new byte[900];
        for (int i = 0; i < n; i++) {
            runner.offer(record(i).withRaw(raw));
        }
        await().until(() -> SinkCounts.of(registry, "t").queued() == 0);
        return SinkCounts.of(registry, "t");
    }

    @Test
    void aFullSpoolDropsTheNewestAndCountsExactlyThat() throws Exception {
        SinkCounts counts = outageOverfilling(SpoolSettings.WhenFull.DROP_NEWEST, 2000);
        double dropped = registry.get("ncbridge.sink.records.dropped").tag("reason", "spool_full").counter().count();
        // About 1,000 records of ~1 KB fit in 1 MiB; the rest were dropped, each counted once.
        assertThat(counts.spooled()).isBetween(900.0, 1100.0);
        assertThat(dropped).isEqualTo(2000 - counts.spooled());
        assertThat(counts.balanced()).as("%s", counts).isTrue();
        assertThat(registry.get("ncbridge.sink.spool.bytes").gauge().value()).isLessThanOrEqualTo(1 << 20);
    }

    @Test
    void aFullSpoolUnderDropOldestEvictsWholeSegmentsCounted() throws Exception {
        SinkCounts counts = outageOverfilling(SpoolSettings.WhenFull.DROP_OLDEST, 3000);
        double evicted = registry.get("ncbridge.sink.records.dropped").tag("reason", "evicted").counter().count();
        assertThat(evicted).isPositive();
        assertThat(counts.balanced()).as("%s", counts).isTrue();

        sink.answer = batch -> CompletableFuture.completedFuture(BatchResult.ok());
        await().until(() -> spooled() == 0);
        // The newest records are kept, in order. Acknowledged ones only: an attempt still open from the
        // outage when the answer changed is retried, and as attempts it would show twice.
        assertThat(sink.acknowledgedMessages()).isSortedAccordingTo(
                java.util.Comparator.comparingInt(m -> Integer.parseInt(m.substring(1)))).contains("m2999");
        assertThat(SinkCounts.of(registry, "t").balanced()).isTrue();
    }

    @Test
    void damagedSpoolFilesDoNotStopTheStartAndEveryIntactRecordArrives() throws Exception {
        sink.answer = batch -> new CompletableFuture<>();
        start(sink, "1MiB", null);
        byte[] raw = new byte[200];
        for (int i = 0; i < 3000; i++) {
            runner.offer(record(i).withRaw(raw));
        }
        runner.close(Duration.ofMillis(200));
        runner = null;
        List<Path> segments;
        try (var files = java.nio.file.Files.list(dir)) {
            segments = files.filter(p -> p.toString().endsWith(".seg")).sorted().toList();
        }
        assertThat(segments.size()).isGreaterThan(3);
        try (var f = new java.io.RandomAccessFile(segments.get(1).toFile(), "rw")) {
            f.seek(f.length() / 2);
            f.write(new byte[] {0x55, 0x55, 0x55, 0x55}); // flipped bytes inside one entry
        }
        Path last = segments.get(segments.size() - 1);
        try (var f = new java.io.RandomAccessFile(last.toFile(), "rw")) {
            f.setLength(f.length() - 7); // a write cut short by a crash
        }

        RecordingSink next = new RecordingSink();
        start(next, "1MiB", null);
        await().until(() -> spooled() == 0 && next.messages().size() == 2998);
        assertThat(registry.get("ncbridge.sink.spool.corrupt.records").counter().count()).isEqualTo(2);
        assertThat(next.messages()).doesNotHaveDuplicates().isSortedAccordingTo(
                java.util.Comparator.comparingInt(m -> Integer.parseInt(m.substring(1)))).contains("m0")
                .doesNotContain("m2999");
        assertThat(SinkCounts.of(registry, "t").sent()).isEqualTo(2998);
    }
}
