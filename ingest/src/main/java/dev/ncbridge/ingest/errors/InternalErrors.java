package dev.ncbridge.ingest.errors;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;

/**
 * Errors a long-lived thread caught and survived: a bug, never bad input (bad input is counted by
 * reason where it is met). Each place that catches keeps one of these; the metrics endpoint shows
 * them as {@code ncbridge_internal_errors_total{where}}. Logging is limited to one line per
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
     * Whether a thread can go on after {@code t}. Only errors of the VM itself are fatal, and of
     * those not a stack overflow: it unwinds with the stack, leaving the thread sound.
     */
    public static boolean survivable(Throwable t) {
        return !(t instanceof VirtualMachineError) || t instanceof StackOverflowError;
    }

    /** Counts and (rate-limited) logs an error the thread goes on after. */
    public void caught(String what, Throwable t) {
        count.increment();
        long now = System.currentTimeMillis();
        long last = lastLoggedMillis.get();
        if (now - last >= LOG_EVERY_MILLIS && lastLoggedMillis.compareAndSet(last, now)) {
            log.error("{}: unexpected error, {} (internal errors here so far: {})", where, what, count.sum(), t);
        }
    }

    public String where() {
        return where;
    }

    public long count() {
        return count.sum();
    }
}
