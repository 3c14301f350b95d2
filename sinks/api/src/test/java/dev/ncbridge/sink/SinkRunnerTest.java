package dev.ncbridge.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ncbridge.config.DataSize;
import dev.ncbridge.ingest.record.KernelMessage;
import dev.ncbridge.ingest.record.Record;
import dev.ncbridge.ingest.testing.Records;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.net.URL;
import java.net.URLClassLoader;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SinkRunnerTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final RecordingSink sink = new RecordingSink();
    private final List<String> rejected = new CopyOnWriteArrayList<>();
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

    private SinkRunner start(int queueSize, Overflow overflow, int maxRecords, Duration linger, int maxAttempts)
            throws Exception {
        return start(queueSize, null, overflow, maxRecords, linger, maxAttempts);
    }

    private SinkRunner start(int queueSize, DataSize queueBytes, Overflow overflow, int maxRecords, Duration linger,
                             int maxAttempts) throws Exception {
        RunnerSettings settings = new RunnerSettings("test", "json", null, queueSize, queueBytes, overflow, null,
                new RunnerSettings.Batching(maxRecords, null, linger),
                new RunnerSettings.Retry(Duration.ofMillis(1), Duration.ofMillis(5), maxAttempts), null);
        runner = new SinkRunner("t", sink, settings, registry, (s, r, reason) -> rejected.add(r.message() + ":" + reason));
        runner.start();
        return runner;
    }

    private double count(String meter, String reason) {
        var search = registry.find(meter).tag("sink", "t");
        if (reason != null) {
            search = search.tag("reason", reason);
        }
        var c = search.counter();
        return c == null ? 0 : c.count();
    }

    /**
     * A sink from a jar of its own (a bundled sink, a plugin) starts and writes with its own class
     * loader as the context one, whatever the caller's: Kafka's client finds the classes its
     * properties name through it.
     */
    @Test
    void theSinkStartsAndRunsWithItsOwnClassLoaderAsTheContextOne() throws Exception {
        List<ClassLoader> seen = new CopyOnWriteArrayList<>();
        RecordingSink own = new RecordingSink() {
            @Override
            public void start() {
                seen.add(Thread.currentThread().getContextClassLoader());
            }

            @Override
            public CompletionStage<BatchResult> write(List<Record> batch) {
                seen.add(Thread.currentThread().getContextClassLoader());
                return super.write(batch);
            }
        };
        RunnerSettings settings = new RunnerSettings("test", "json", null, 10, null, Overflow.BLOCK, null,
                new RunnerSettings.Batching(1, null, Duration.ZERO),
                new RunnerSettings.Retry(Duration.ofMillis(1), Duration.ofMillis(5), 0), null);
        Thread caller = Thread.currentThread();
        ClassLoader before = caller.getContextClassLoader();
        try (URLClassLoader callers = new URLClassLoader(new URL[0], null)) {
            caller.setContextClassLoader(callers);
            try {
                runner = new SinkRunner("t", own, settings, registry, RejectHandler.NONE);
                runner.start();
                assertThat(caller.getContextClassLoader()).as("the caller's, put back").isSameAs(callers);
            } finally {
                caller.setContextClassLoader(before);
            }
        }
        runner.offer(record(1));
        await().until(() -> seen.size() == 2);

        assertThat(seen).containsOnly(own.getClass().getClassLoader());
    }

    @Test
    void batchesByCountAndKeepsOrder() throws Exception {
        start(1000, Overflow.BLOCK, 10, Duration.ofSeconds(10), 0);
        for (int i = 0; i < 25; i++) {
            runner.offer(record(i));
        }
        await().until(() -> sink.messages().size() >= 20);
        assertThat(sink.batches.get(0)).hasSize(10);
        assertThat(sink.batches.get(1)).hasSize(10);
        runner.close(Duration.ofSeconds(5));
        runner = null;
        assertThat(sink.messages()).hasSize(25).startsWith("m0", "m1", "m2").endsWith("m24");
        assertThat(sink.closed).isTrue();
        assertThat(count("ncbridge.sink.records.sent", null)).isEqualTo(25);
    }

    @Test
    void aPartialBatchGoesWhenItsLingerTimeIsUp() throws Exception {
        start(1000, Overflow.BLOCK, 100, Duration.ofMillis(50), 0);
        runner.offer(record(1));
        runner.offer(record(2));
        await().atMost(Duration.ofSeconds(5)).until(() -> sink.batches.size() == 1);
        assertThat(sink.batches.get(0)).extracting(Record::message).containsExactly("m1", "m2");
    }

    @Test
    void aFullBatchGoesAtOnceThoughItsLingerIsLong() throws Exception {
        start(1000, Overflow.BLOCK, 10, Duration.ofHours(1), 0);
        runner.offer(record(0));
        await().atMost(Duration.ofSeconds(5)).until(() -> queueSize() == 0); // lingering with one record
        for (int i = 1; i < 10; i++) {
            runner.offer(record(i));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> sink.batches.size() == 1);
        assertThat(sink.batches.get(0)).hasSize(10);
    }

    @Test
    void aLingeringThreadTakesTheQueueOnceItIsHalfFull() throws Exception {
        // The batch could take 1,000 records, the queue only 8: a thread waiting for a full batch
        // would leave the queue to fill, and drop_newest would then drop.
        start(8, Overflow.DROP_NEWEST, 1000, Duration.ofHours(1), 0);
        offerHalfAQueueAtATime(10);
    }

    @Test
    void aLingeringThreadTakesTheQueueOnceHalfItsBytesAreUsed() throws Exception {
        // Room for 8 records by bytes, 1,000 by count: only the byte bound can wake the thread in time.
        long size = RecordSize.estimate(record(10)); // every record offered has a two-digit number: one size
        start(1000, DataSize.parse(8 * size + "B"), Overflow.DROP_NEWEST, 1000, Duration.ofHours(1), 0);
        offerHalfAQueueAtATime(10);
    }

    /**
     * Offers one record, then five times four (half a queue of eight), each time waiting for the
     * lingering thread to take them into its batch; none may be dropped, and none sent before the
     * linger time.
     */
    private void offerHalfAQueueAtATime(int first) {
        runner.offer(record(first));
        await().atMost(Duration.ofSeconds(5)).until(() -> queueSize() == 0);
        for (int round = 0; round < 5; round++) {
            for (int i = 0; i < 4; i++) {
                assertThat(runner.offer(record(first + 1 + round * 4 + i))).isTrue();
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> queueSize() == 0);
        }
        assertThat(count("ncbridge.sink.records.dropped", "queue_full")).isZero();
        assertThat(sink.batches).isEmpty();
    }

    private double queueSize() {
        return registry.get("ncbridge.sink.queue.size").tag("sink", "t").gauge().value();
    }

    @Test
    void retriesWhatFailedBeforeAnythingNewer() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        sink.answer = batch -> {
            if (calls.incrementAndGet() == 1) {
                return CompletableFuture.completedFuture(BatchResult.builder().retry(1, "busy").build());
            }
            if (calls.get() == 2) {
                return CompletableFuture.failedFuture(new java.io.IOException("connection reset"));
            }
            return CompletableFuture.completedFuture(BatchResult.ok());
        };
        start(1000, Overflow.BLOCK, 3, Duration.ofMillis(1), 0);
        for (int i = 0; i < 3; i++) {
            runner.offer(record(i));
        }
        await().until(() -> calls.get() >= 3);
        runner.offer(record(3));
        await().until(() -> sink.messages().contains("m3"));
        assertThat(sink.batches).extracting(b -> b.stream().map(Record::message).toList()).containsExactly(
                List.of("m0", "m1", "m2"), List.of("m1"), List.of("m1"), List.of("m3"));
        assertThat(count("ncbridge.sink.records.retried", "busy")).isEqualTo(1);
        assertThat(count("ncbridge.sink.records.retried", "error")).isEqualTo(1);
        assertThat(count("ncbridge.sink.records.sent", null)).isEqualTo(4);
        assertThat(runner.healthy()).isTrue();
    }

    @Test
    void rejectedRecordsAreCountedAndHandedOn() throws Exception {
        sink.answer = batch -> CompletableFuture.completedFuture(BatchResult.builder().reject(0, "too_large").build());
        start(1000, Overflow.BLOCK, 2, Duration.ofMillis(1), 0);
        runner.offer(record(0));
        runner.offer(record(1));
        await().until(() -> rejected.size() == 1);
        assertThat(rejected).containsExactly("m0:too_large");
        assertThat(count("ncbridge.sink.records.failed", "too_large")).isEqualTo(1);
        await().until(() -> count("ncbridge.sink.records.sent", null) == 1);
    }

    @Test
    void givesUpAfterMaxAttempts() throws Exception {
        sink.answer = batch -> CompletableFuture.failedFuture(new IllegalStateException("down"));
        start(1000, Overflow.BLOCK, 1, Duration.ofMillis(1), 3);
        runner.offer(record(7));
        await().until(() -> rejected.size() == 1);
        assertThat(rejected).containsExactly("m7:retries_exhausted");
        assertThat(sink.batches).hasSize(3);
        assertThat(runner.healthy()).isFalse();
    }

    @Test
    void dropNewestKeepsWhatIsQueuedAndCounts() throws Exception {
        CompletableFuture<BatchResult> stuck = new CompletableFuture<>();
        sink.answer = batch -> stuck;
        start(4, Overflow.DROP_NEWEST, 1, Duration.ofMillis(1), 0);
        runner.offer(record(0));
        await().until(() -> sink.batches.size() == 1);
        for (int i = 1; i <= 10; i++) {
            runner.offer(record(i));
        }
        assertThat(count("ncbridge.sink.records.dropped", "queue_full")).isEqualTo(6);
        sink.answer = batch -> CompletableFuture.completedFuture(BatchResult.ok());
        stuck.complete(BatchResult.ok());
        await().until(() -> sink.messages().size() == 5);
        assertThat(sink.messages()).containsExactly("m0", "m1", "m2", "m3", "m4");
    }

    @Test
    void dropOldestKeepsTheLatest() throws Exception {
        CompletableFuture<BatchResult> stuck = new CompletableFuture<>();
        sink.answer = batch -> stuck;
        start(4, Overflow.DROP_OLDEST, 1, Duration.ofMillis(1), 0);
        runner.offer(record(0));
        await().until(() -> sink.batches.size() == 1);
        for (int i = 1; i <= 10; i++) {
            assertThat(runner.offer(record(i))).isTrue();
        }
        assertThat(count("ncbridge.sink.records.dropped", "evicted")).isEqualTo(6);
        sink.answer = batch -> CompletableFuture.completedFuture(BatchResult.ok());
        stuck.complete(BatchResult.ok());
        await().until(() -> sink.messages().size() == 5);
        assertThat(sink.messages()).containsExactly("m0", "m7", "m8", "m9", "m10");
    }

    @Test
    void blockWaitsForRoomAndLosesNothing() throws Exception {
        CompletableFuture<BatchResult> stuck = new CompletableFuture<>();
        Thread producer = producerBlockedBehind(stuck);
        sink.answer = batch -> CompletableFuture.completedFuture(BatchResult.ok());
        stuck.complete(BatchResult.ok());
        producer.join(5000);
        await().until(() -> sink.messages().size() == 4);
        assertThat(sink.messages()).containsExactly("m0", "m1", "m2", "m3");
        assertThat(count("ncbridge.sink.records.dropped", "queue_full")).isZero();
    }

    @Test
    void closeCountsWhatCouldNotBeDeliveredInTime() throws Exception {
        sink.answer = batch -> new CompletableFuture<>();
        start(100, Overflow.BLOCK, 1, Duration.ofMillis(1), 0);
        for (int i = 0; i < 5; i++) {
            runner.offer(record(i));
        }
        await().until(() -> sink.batches.size() == 1);
        runner.close(Duration.ofMillis(200));
        runner = null;
        assertThat(count("ncbridge.sink.records.dropped", "shutdown")).isEqualTo(5);
        assertThat(sink.closed).isTrue();
    }

    @Test
    void anErrorOnTheRunnersThreadIsCountedAndTheRunnerGoesOn() throws Exception {
        sink.answer = batch -> CompletableFuture.completedFuture(
                batch.get(0).message().equals("m0") ? BatchResult.builder().reject(0, "mapping").build()
                        : BatchResult.ok());
        RunnerSettings settings = new RunnerSettings("test", "json", null, 100, null, Overflow.BLOCK, null,
                new RunnerSettings.Batching(1, null, Duration.ofMillis(1)), null, null);
        runner = new SinkRunner("t", sink, settings, registry, (s, r, reason) -> {
            throw new NoClassDefFoundError("a plugin's dead-letter class is missing");
        });
        runner.start();
        runner.offer(record(0));
        await().until(() -> registry.get("ncbridge.internal.errors").tag("where", "sink").functionCounter().count() == 1);
        runner.offer(record(1));
        await().until(() -> count("ncbridge.sink.records.sent", null) == 1);
        assertThat(sink.messages()).containsExactly("m0", "m1");
        assertThat(registry.get("ncbridge.internal.errors").functionCounter().getId().getTags()).hasSize(1);
        await().until(runner::healthy);
    }

    @Test
    void theQueueIsBoundedInBytes() throws Exception {
        sink.answer = batch -> new CompletableFuture<>();
        RunnerSettings settings = new RunnerSettings("test", "json", null, 1000, DataSize.parse("4KiB"),
                Overflow.DROP_NEWEST, null, new RunnerSettings.Batching(1, null, Duration.ofMillis(1)), null, null);
        runner = new SinkRunner("t", sink, settings, registry, RejectHandler.NONE);
        runner.start();
        runner.offer(big(0));
        await().until(() -> sink.batches.size() == 1);
        for (int i = 1; i <= 10; i++) {
            runner.offer(big(i));
        }
        // A record of 1,000 raw bytes is estimated at about 1,300: three fit in 4 KiB.
        assertThat(RecordSize.estimate(big(1))).isBetween(1300L, 1400L);
        assertThat(count("ncbridge.sink.records.dropped", "queue_full")).isEqualTo(7);
        assertThat(registry.get("ncbridge.sink.queue.size").gauge().value()).isEqualTo(4); // 3 queued, 1 in flight
    }

    @Test
    void closeReleasesABlockedProducerAndKeepsItsDeadline() throws Exception {
        Thread producer = producerBlockedBehind(new CompletableFuture<>());
        long start = System.nanoTime();
        runner.close(Duration.ofMillis(300));
        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        producer.join(1000);
        assertThat(producer.isAlive()).isFalse();
        assertThat(tookMillis).isLessThan(1300 + 500);
        SinkCounts counts = SinkCounts.of(registry, "t");
        assertThat(counts.accepted()).isEqualTo(4);
        assertThat(count("ncbridge.sink.records.dropped", "shutdown")).isEqualTo(4);
        assertThat(counts.balanced()).as("%s", counts).isTrue();
        runner = null;
    }

    @Test
    void aRunOfRecordsIsQueuedInOrderAndCountedAccepted() throws Exception {
        start(1000, Overflow.BLOCK, 10, Duration.ofMillis(1), 0);
        List<Record> batch = IntStream.range(0, 25).mapToObj(i -> (Record) record(i)).toList();

        runner.offer(batch, 5, 20);

        await().until(() -> sink.messages().size() == 15);
        assertThat(sink.messages()).containsExactlyElementsOf(
                IntStream.range(5, 20).mapToObj(i -> "m" + i).toList());
        assertThat(SinkCounts.of(registry, "t").accepted()).isEqualTo(15);
    }

    /** A run blocked on a full queue when the stop comes: the rest of it is counted, none queued after the drain. */
    @Test
    void aStopReleasesABlockedRunAndCountsEveryRecordOfIt() throws Exception {
        Thread first = producerBlockedBehind(new CompletableFuture<>());
        List<Record> run = IntStream.range(4, 10).mapToObj(i -> (Record) record(i)).toList();
        Thread second = new Thread(() -> runner.offer(run, 0, run.size()));
        second.start();
        await().until(() -> second.getState() == Thread.State.TIMED_WAITING);

        runner.close(Duration.ofMillis(300));
        first.join(1000);
        second.join(1000);

        assertThat(second.isAlive()).isFalse();
        SinkCounts counts = SinkCounts.of(registry, "t");
        assertThat(counts.accepted()).isEqualTo(10);
        assertThat(count("ncbridge.sink.records.dropped", "shutdown")).isEqualTo(10);
        assertThat(counts.queued()).isZero();
        assertThat(counts.balanced()).as("%s", counts).isTrue();
        runner = null;
    }

    @Test
    void releasingWaitingProducersAtAStopRefusesNewRecordsOfABlockSink() throws Exception {
        Thread producer = producerBlockedBehind(new CompletableFuture<>());
        runner.releaseWaitingProducers();
        producer.join(10_000);
        assertThat(producer.isAlive()).as("the waiting producer is released").isFalse();
        assertThat(runner.offer(record(4))).isFalse();
        assertThat(count("ncbridge.sink.records.dropped", "shutdown")).isEqualTo(2);
    }

    /**
     * A block runner of 2 records behind a batch that settles with {@code stuck}, full, and a
     * producer waiting to queue a fourth record.
     */
    private Thread producerBlockedBehind(CompletableFuture<BatchResult> stuck) throws Exception {
        sink.answer = batch -> stuck;
        start(2, Overflow.BLOCK, 1, Duration.ofMillis(1), 0);
        runner.offer(record(0));
        await().until(() -> sink.batches.size() == 1);
        runner.offer(record(1));
        runner.offer(record(2));
        Thread producer = new Thread(() -> runner.offer(record(3)));
        producer.start();
        await().until(() -> producer.getState() == Thread.State.TIMED_WAITING);
        assertThat(producer.isAlive()).isTrue();
        return producer;
    }

    private static Record big(int i) {
        return record(i).withRaw(new byte[1000]);
    }

    @Test
    void everyRecordOfferedWhileTheRunnerClosesIsAccountedFor() throws Exception {
        sink.answer = batch -> CompletableFuture.supplyAsync(BatchResult::ok,
                CompletableFuture.delayedExecutor(1, java.util.concurrent.TimeUnit.MILLISECONDS));
        start(64, Overflow.BLOCK, 16, Duration.ofMillis(1), 0);
        List<Thread> producers = new java.util.ArrayList<>();
        java.util.concurrent.atomic.AtomicBoolean go = new java.util.concurrent.atomic.AtomicBoolean(true);
        for (int p = 0; p < 4; p++) {
            Thread t = new Thread(() -> {
                for (int i = 0; go.get(); i++) {
                    runner.offer(record(i));
                }
            });
            t.start();
            producers.add(t);
        }
        await().until(() -> count("ncbridge.sink.records.sent", null) > 1000);
        runner.close(Duration.ofMillis(50));
        go.set(false);
        for (Thread t : producers) {
            t.join(5000);
        }
        SinkCounts counts = SinkCounts.of(registry, "t");
        assertThat(counts.queued()).isZero();
        assertThat(counts.balanced()).as("%s", counts).isTrue();
        // A batch handed to the sink but not settled when the drain ran out is counted dropped
        // (shutdown): the bridge cannot know whether it arrived. So the sink saw every record
        // counted sent, and at most those dropped at shutdown besides.
        assertThat((double) sink.messages().size())
                .isBetween(counts.sent(), counts.sent() + count("ncbridge.sink.records.dropped", "shutdown"));
        runner = null;
    }
}
