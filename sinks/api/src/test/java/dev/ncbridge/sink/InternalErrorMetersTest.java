package dev.ncbridge.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ncbridge.ingest.errors.InternalErrors;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class InternalErrorMetersTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final InternalErrors errors = InternalErrorMeters.of(registry, "housekeeping");

    private double counted(String where) {
        return registry.get(InternalErrorMeters.METER).tag("where", where).functionCounter().count();
    }

    @Test
    void aGuardedScheduledJobKeepsRunningAfterItThrows() {
        AtomicInteger runs = new AtomicInteger();
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
        try {
            executor.scheduleAtFixedRate(errors.guard("test job", () -> {
                int run = runs.incrementAndGet();
                if (run == 1) {
                    throw new IllegalStateException("first run fails");
                }
                if (run == 2) {
                    throw new AssertionError("an Error too");
                }
            }), 0, 1, TimeUnit.MILLISECONDS);
            // Unguarded, the first throw would cancel the schedule and runs would stay at 1.
            await().atMost(Duration.ofSeconds(10)).until(() -> runs.get() >= 3);
        } finally {
            executor.shutdownNow();
        }
        assertThat(counted("housekeeping")).isEqualTo(2);
    }

    @Test
    void aStackOverflowIsCountedButOutOfMemoryIsRethrown() {
        errors.caught("deep call", new StackOverflowError());
        assertThat(counted("housekeeping")).isEqualTo(1);

        OutOfMemoryError oom = new OutOfMemoryError("test");
        assertThatThrownBy(() -> errors.caught("big call", oom)).isSameAs(oom);
        assertThat(counted("housekeeping")).isEqualTo(1);
    }

    @Test
    void everyPlaceCountsIntoOneMeterWithOnlyTheWhereTag() {
        InternalErrorMeters.of(registry, "http").caught("GET /metrics", new RuntimeException("boom"));

        assertThat(registry.get(InternalErrorMeters.METER).functionCounters()).hasSize(2)
                .allSatisfy(c -> assertThat(c.getId().getTags()).extracting(t -> t.getKey()).containsExactly("where"));
        assertThat(counted("http")).isEqualTo(1);
        assertThat(counted("housekeeping")).isZero();
    }
}
