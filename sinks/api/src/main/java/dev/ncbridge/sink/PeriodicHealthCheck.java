package dev.ncbridge.sink;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A sink's readiness, from a small request to its destination repeated on a thread of its own, so
 * that {@link Sink#healthy()} only reads a flag and the destination is asked once per interval,
 * never per batch. Logs when the destination goes away and when it comes back, once each.
 */
public final class PeriodicHealthCheck implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PeriodicHealthCheck.class);

    /** One look at the destination. */
    @FunctionalInterface
    public interface Check {
        /** @return null when the destination is healthy, else what is wrong with it, in a few words */
        String problem() throws Exception;
    }

    private final String sink;
    private final Check check;
    private final ScheduledExecutorService timer;
    private volatile boolean healthy;
    private String lastProblem;

    /** @param threadName the checking thread's name, as {@code kafka-probe-events} */
    public PeriodicHealthCheck(String sink, String threadName, Check check) {
        this.sink = sink;
        this.check = Objects.requireNonNull(check, "check");
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    /** Checks now, on the caller's thread (so that readiness is known when start returns), then every {@code interval}. */
    public void start(Duration interval) {
        checkNow();
        timer.scheduleWithFixedDelay(this::checkNow, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    public boolean healthy() {
        return healthy;
    }

    /** Runs on one thread at a time: the caller's at start, then the timer's. */
    synchronized void checkNow() {
        String problem;
        try {
            problem = check.problem();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (Exception e) {
            problem = "unreachable: " + e;
        }
        healthy = problem == null;
        if (problem != null && !problem.equals(lastProblem)) {
            log.warn("sink {}: not ready: {}", sink, problem);
        } else if (problem == null && lastProblem != null) {
            log.info("sink {}: destination reachable again", sink);
        }
        lastProblem = problem;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
