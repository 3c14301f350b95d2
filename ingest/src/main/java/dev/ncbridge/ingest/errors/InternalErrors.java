package dev.ncbridge.ingest.errors;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;

/**
 * Failures caught where a thread would otherwise die or a scheduled job be cancelled for good: a
 * bug, never bad input (bad input is counted by reason where it is met). Each place that catches
 * keeps one of these; the metrics endpoint shows them all as one meter,
 * {@code ncbridge_internal_errors_total{where}}. Logging is limited to one line per
 * {@value #LOG_EVERY_MILLIS} ms per place, so an error repeated per datagram cannot flood the log.
 */
public final class InternalErrors {
    private static final long LOG_EVERY_MILLIS = 10_000;

    private final String where;
    private final Logger log;
    private final LongAdder count = new LongAdder();
    private final AtomicLong lastLoggedMillis = new AtomicLong();

    public InternalErrors(String where, Logger log) {
        this.where = where;
        this.log = log;
    }

    /**
     * Counts and (rate-limited) logs {@code failure}, unless it is a {@link VirtualMachineError}
     * such as out of memory, which is rethrown: after one of those the JVM is not to be trusted. A
     * {@link StackOverflowError} is the exception: it unwinds the failing call only and leaves the
     * thread sound, so it is counted like any other failure.
     *
     * @param what what was being done, for the log: "datagram skipped", "liveness check"
     */
    public void caught(String what, Throwable failure) {
        if (failure instanceof VirtualMachineError fatal && !(fatal instanceof StackOverflowError)) {
            throw fatal;
        }
        count.increment();
        long now = System.currentTimeMillis();
        long last = lastLoggedMillis.get();
        if (now - last >= LOG_EVERY_MILLIS && lastLoggedMillis.compareAndSet(last, now)) {
            log.error("{}: unexpected failure, {}; carrying on (internal errors here so far: {})", where, what,
                    count.sum(), failure);
        }
    }

    /**
     * {@code task}, with whatever it throws caught (see {@link #caught}): for scheduled jobs, which a
     * scheduled executor cancels for good at their first throw.
     */
    public Runnable guard(String what, Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (Throwable t) {
                caught(what, t);
            }
        };
    }

    public String where() {
        return where;
    }

    public long count() {
        return count.sum();
    }
}
