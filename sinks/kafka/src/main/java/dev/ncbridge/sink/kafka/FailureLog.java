package dev.ncbridge.sink.kafka;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs why records failed, at most once a minute per reason, so that a cluster refusing every
 * record explains itself without flooding the log. Records are counted by the runner's metrics
 * whether logged or not.
 */
final class FailureLog {
    private static final Logger log = LoggerFactory.getLogger(KafkaSink.class);
    private static final long INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final String sink;
    private final ConcurrentMap<String, AtomicLong> nextByReason = new ConcurrentHashMap<>();

    FailureLog(String sink) {
        this.sink = sink;
    }

    void failed(String topic, SendOutcome outcome, Throwable error) {
        AtomicLong next = nextByReason.computeIfAbsent(outcome.reason(), r -> new AtomicLong(Long.MIN_VALUE));
        long now = System.nanoTime();
        long due = next.get();
        if ((due != Long.MIN_VALUE && now - due < 0) || !next.compareAndSet(due, now + INTERVAL_NANOS)) {
            return;
        }
        String what = outcome.retry() ? "will retry" : "rejected (reason " + outcome.reason() + ", to the dead-letter"
                + " sink if one is set)";
        if (outcome.retry()) {
            log.warn("sink {}: send to topic \"{}\" failed, {}: {}", sink, topic, what, error.toString());
        } else if (outcome.expected()) {
            log.error("sink {}: Kafka refused a record for topic \"{}\", {}: {}", sink, topic, what, error.toString());
        } else {
            log.error("sink {}: unexpected error sending to topic \"{}\", {}", sink, topic, what, error);
        }
    }
}
