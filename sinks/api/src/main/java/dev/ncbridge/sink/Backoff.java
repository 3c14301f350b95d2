package dev.ncbridge.sink;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter: the n-th wait is drawn between half and all of
 * {@code initial × 2^(n-1)}, capped. The jitter keeps many bridges that lost the same
 * destination from hammering it in step when it comes back.
 */
final class Backoff {
    private final long initialNanos;
    private final long maxNanos;

    Backoff(Duration initial, Duration max) {
        this.initialNanos = initial.toNanos();
        this.maxNanos = max.toNanos();
    }

    long delayNanos(int attempt) {
        int doublings = Math.min(Math.max(attempt - 1, 0), 40);
        long ceiling = initialNanos << doublings;
        if (ceiling <= 0 || ceiling > maxNanos) {
            ceiling = maxNanos;
        }
        long floor = ceiling / 2;
        return floor + ThreadLocalRandom.current().nextLong(ceiling - floor + 1);
    }
}
