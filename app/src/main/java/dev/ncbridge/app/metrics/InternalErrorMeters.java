package dev.ncbridge.app.metrics;

import dev.ncbridge.ingest.errors.InternalErrors;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.LoggerFactory;

/**
 * Every place's {@link InternalErrors} as one meter, {@code ncbridge_internal_errors_total}, with
 * exactly one tag, {@code where} (decode, sink, housekeeping, http).
 */
public final class InternalErrorMeters {
    public static final String METER = "ncbridge.internal.errors";

    private InternalErrorMeters() {
    }

    /** A new place that catches, counted in the meter. */
    public static InternalErrors register(MeterRegistry registry, String where) {
        InternalErrors errors = new InternalErrors(where, LoggerFactory.getLogger("dev.ncbridge." + where));
        bind(registry, errors);
        return errors;
    }

    /** Counts an existing place's errors in the meter. */
    public static void bind(MeterRegistry registry, InternalErrors errors) {
        FunctionCounter.builder(METER, errors, InternalErrors::count)
                .tag("where", errors.where())
                .description("Unexpected failures caught inside the bridge, by where they happened; the thread carried on")
                .register(registry);
    }
}
