package dev.ncbridge.app.route;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ncbridge.ingest.record.EventType;
import dev.ncbridge.ingest.record.Record;
import dev.ncbridge.ingest.testing.Records;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

class RouterConcurrencyTest {
    private static final int THREADS = 4;
    private static final int PER_THREAD = 100_000;

    /** Counts what it is offered; safe for any number of threads. */
    private static final class CountingTarget implements RecordTarget {
        final LongAdder count = new LongAdder();

        @Override
        public void offer(Record r) {
            count.increment();
        }
    }

    @Test
    void workersRouteAtOnceAndEveryCountIsExact() throws Exception {
        CountingTarget errors = new CountingTarget();
        CountingTarget xs = new CountingTarget();
        CountingTarget all = new CountingTarget();
        Router router = Router.compile(Routes.sections("""
                routes:
                  - match: {level: "<=err"}
                    to: [errors]
                    continue: true
                  - match: {message: "^x"}
                    to: [xs]
                  - match: {kind: message}
                    to: [all, errors]
                """), Map.of("errors", errors, "xs", xs, "all", all));
        // err "x": errors + xs; info "x": xs; info "y": all + errors; an event: unrouted.
        Record[] cycle = {
            Records.linkDown().level(3).message("x1").build(),
            Records.linkDown().level(6).message("x2").build(),
            Records.linkDown().level(6).message("y").build(),
            Records.eventFromWeb1(EventType.LOSS),
        };

        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CyclicBarrier start = new CyclicBarrier(THREADS);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < PER_THREAD; i++) {
                        router.route(cycle[i % cycle.length]);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        long eachKind = (long) THREADS * PER_THREAD / cycle.length;
        assertThat(errors.count.sum()).isEqualTo(2 * eachKind);
        assertThat(xs.count.sum()).isEqualTo(2 * eachKind);
        assertThat(all.count.sum()).isEqualTo(eachKind);
        assertThat(router.unrouted()).isEqualTo(eachKind);
    }
}
