package dev.ncbridge.app.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ncbridge.ingest.record.Record;
import dev.ncbridge.ingest.testing.Records;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class LiveRouterTest {
    private static final String TO_A = "routes:\n  - {to: [a]}\n";

    @Test
    void aPublishedRouterTakesTheNextRecordAndUnroutedCountsOn() {
        CollectingTarget a = new CollectingTarget();
        CollectingTarget b = new CollectingTarget();
        Router first = Router.compile(Routes.sections("routes:\n  - {match: {level: \"<=err\"}, to: [a]}\n"),
                Map.of("a", a));
        LiveRouter live = new LiveRouter(first);
        live.route(Records.linkDown().level(3).build());
        live.route(Records.linkDown().level(6).build());
        assertThat(live.unrouted()).isEqualTo(1);

        assertThat(live.publish(first.next(Routes.sections("routes:\n  - {match: {level: \"<=err\"}, to: [b]}\n"),
                Map.of("b", b)), System.nanoTime())).isTrue();
        live.route(Records.linkDown().level(3).build());
        live.route(Records.linkDown().level(6).build());
        assertThat(a.received()).hasSize(1);
        assertThat(b.received()).hasSize(1);
        assertThat(live.unrouted()).as("the count never goes back across a reload").isEqualTo(2);
    }

    /** The guarantee a drain relies on: once publish returns true, nothing routes to the old router's sinks. */
    @Test
    void publishWaitsForAThreadStillRoutingWithTheOldRouter() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<Record> old = new CopyOnWriteArrayList<>();
        RecordTarget stalled = r -> {
            inside.countDown();
            await().atMost(Duration.ofSeconds(30)).until(() -> release.getCount() == 0);
            old.add(r);
        };
        Router first = Router.compile(Routes.sections(TO_A), Map.of("a", stalled));
        LiveRouter live = new LiveRouter(first);
        Thread worker = new Thread(() -> live.route(Records.linkDown().level(3).build()), "worker");
        worker.start();
        assertThat(inside.await(30, TimeUnit.SECONDS)).isTrue();

        Router next = first.next(Routes.sections(TO_A), Map.of("a", new CollectingTarget()));
        assertThat(live.publish(next, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50)))
                .as("the worker is still inside the old router at the deadline").isFalse();
        assertThat(live.current()).isSameAs(next);

        AtomicBoolean published = new AtomicBoolean();
        Thread publisher = new Thread(() -> published.set(live.publish(
                first.next(Routes.sections(TO_A), Map.of("a", new CollectingTarget())),
                System.nanoTime() + TimeUnit.SECONDS.toNanos(30))), "publisher");
        publisher.start();
        release.countDown();
        publisher.join(30_000);
        worker.join(30_000);
        assertThat(published).isTrue();
        assertThat(old).as("the record the worker was routing reached the old sink").hasSize(1);
    }
}
