package dev.ncbridge.ingest.receive;

import static org.assertj.core.api.Assertions.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ncbridge.ingest.codec.DecodeCounters;
import dev.ncbridge.ingest.codec.DecoderLimits;
import dev.ncbridge.ingest.codec.NetconsoleDecoder;
import dev.ncbridge.ingest.codec.SourceNamer;
import dev.ncbridge.ingest.memory.ByteBudget;
import dev.ncbridge.ingest.record.KernelMessage;
import dev.ncbridge.ingest.record.Record;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How a decode worker hands its records on: in batches, in order, and none left behind. */
class WorkerPoolBatchTest {
    private static final InetSocketAddress HOST = new InetSocketAddress("10.0.0.5", 6665);
    /** A message waits this long for its missing fragments, so that only a stop can flush one. */
    private static final DecoderLimits LIMITS = DecoderLimits.defaults().withFragmentTimeout(Duration.ofHours(1));

    /** Each batch as it was handed on (the worker reuses its list, so it is copied). */
    private final List<List<Record>> batches = new CopyOnWriteArrayList<>();
    private WorkerPool pool;

    @AfterEach
    void stop() throws InterruptedException {
        if (pool != null) {
            pool.stop(5_000);
        }
    }

    private WorkerPool pool(Consumer<List<Record>> out) {
        pool = new WorkerPool(1, 1024, new ByteBudget("ring", 1 << 20),
                () -> new NetconsoleDecoder(LIMITS, SourceNamer.ADDRESS, new DecodeCounters()), out);
        return pool;
    }

    /**
     * Stamped now, as a receiver stamps it: a datagram from time 0 would look an hour old to the
     * worker's timeout checks, which could then forget its source in the middle of a test.
     */
    private static Datagram extended(int seq) {
        return new Datagram(("6," + seq + ",1000,-;message " + seq).getBytes(StandardCharsets.US_ASCII), HOST,
                WallClock.nowNanos());
    }

    private List<String> messages() {
        return batches.stream().flatMap(List::stream).map(r -> ((KernelMessage) r).message()).toList();
    }

    @Test
    void theRecordsOfAPassGoOnTogetherInTheirOrder() {
        pool(batch -> batches.add(List.copyOf(batch)));
        // Queued before the worker runs, so that its passes find the ring full: 256, 256, 88.
        for (int i = 0; i < 600; i++) {
            assertThat(pool.offer(extended(i))).isNull();
        }
        pool.start();

        await().until(() -> messages().size() == 600);
        assertThat(messages()).containsExactlyElementsOf(
                IntStream.range(0, 600).mapToObj(i -> "message " + i).toList());
        assertThat(batches).allSatisfy(b -> assertThat(b).hasSizeLessThanOrEqualTo(256));
        assertThat(batches).hasSizeLessThanOrEqualTo(4);
    }

    @Test
    void whatTheDecoderHoldsAtStopIsHandedOn() throws InterruptedException {
        pool(batch -> batches.add(List.copyOf(batch))).start();
        // The first of two fragments: the decoder holds it for the second.
        pool.offer(new Datagram("6,1,1000,-,ncfrag=0/40;the first half of a message"
                .getBytes(StandardCharsets.US_ASCII), HOST, WallClock.nowNanos()));
        await().until(() -> pool.queued() == 0);

        assertThat(pool.stop(5_000)).isTrue();

        assertThat(messages()).singleElement(as(InstanceOfAssertFactories.STRING))
                .startsWith("the first half of a message");
    }

    @Test
    void aFailingConsumerIsCountedAndTheWorkerGoesOn() {
        AtomicBoolean failed = new AtomicBoolean();
        pool(batch -> {
            if (failed.compareAndSet(false, true)) {
                throw new IllegalStateException("a route that cannot be evaluated");
            }
            batches.add(List.copyOf(batch));
        }).start();

        pool.offer(extended(0));
        await().until(() -> pool.errors().count() == 1);
        pool.offer(extended(1));

        await().until(() -> messages().equals(List.of("message 1")));
        assertThat(pool.healthy()).isTrue();
    }
}
