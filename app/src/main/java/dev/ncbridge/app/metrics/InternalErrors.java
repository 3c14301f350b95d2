package dev.ncbridge.app.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Failures caught where a thread would otherwise die or a scheduled job be cancelled for good:
 * logged with their cause and counted in {@code ncbridge_internal_errors_total{where}}. The decode
 * workers ({@code where=decode}) and sink runners ({@code where=sink}) count into the same meter,
 * so it has exactly one tag, {@code where}.
 */
public final class InternalErrors {
    public static final String METER = "ncbridge.internal.errors";
    private static final String DESCRIPTION = "Unexpected failures caught inside the bridge, by where they happened; "
            + "the thread carried on";
    private static final Logger log = LoggerFactory.getLogger(InternalErrors.class);

    private final String where;
    private final Counter counter;

    private InternalErrors(String where, Counter counter) {
        this.where = where;
        this.counter = counter;
    }

    public static InternalErrors register(MeterRegistry registry, String where) {
        return new InternalErrors(where, Counter.builder(METER).tag("where", where).description(DESCRIPTION)
                .register(registry));
    }

    /**
     * Logs and counts {@code failure}, unless it is a {@link VirtualMachineError} such as out of
     * memory, which is rethrown: after one of those the JVM is not to be trusted. A
     * {@link StackOverflowError} is the exception: it unwinds the failing call only and leaves the
     * thread sound, so it is counted like any other failure.
     *
     * @param what what was being done, for the log: "liveness check", "GET /metrics"
     */
    public void caught(String what, Throwable failure) {
        if (failure instanceof VirtualMachineError e && !(e instanceof StackOverflowError)) {
            throw e;
        }
        counter.increment();
        log.warn("{}: {} failed; carrying on", where, what, failure);
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
}
