package dev.ncbridge.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class PeriodicHealthCheckTest {
    @Test
    void startKnowsTheAnswerAtOnceAndLaterChecksFollowTheDestination() {
        AtomicReference<String> problem = new AtomicReference<>(null);
        AtomicInteger checks = new AtomicInteger();
        try (PeriodicHealthCheck health = new PeriodicHealthCheck("s", "health-s", () -> {
            checks.incrementAndGet();
            return problem.get();
        })) {
            health.start(Duration.ofMillis(20));
            assertThat(health.healthy()).as("checked on the caller's thread").isTrue();

            problem.set("cluster health is red");
            await().atMost(Duration.ofSeconds(5)).until(() -> !health.healthy());
            problem.set(null);
            await().atMost(Duration.ofSeconds(5)).until(health::healthy);
            assertThat(checks.get()).isGreaterThanOrEqualTo(3);
        }
    }

    @Test
    void aCheckThatThrowsMeansUnhealthyAndTheChecksGoOn() {
        AtomicInteger checks = new AtomicInteger();
        try (PeriodicHealthCheck health = new PeriodicHealthCheck("s", "health-s", () -> {
            if (checks.incrementAndGet() < 3) {
                throw new IOException("connection refused");
            }
            return null;
        })) {
            health.start(Duration.ofMillis(20));
            assertThat(health.healthy()).isFalse();
            await().atMost(Duration.ofSeconds(5)).until(health::healthy);
        }
    }
}
