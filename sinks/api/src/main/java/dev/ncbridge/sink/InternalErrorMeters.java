package dev.ncbridge.sink;

import dev.ncbridge.ingest.errors.InternalErrors;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.Map;
import java.util.WeakHashMap;
import org.slf4j.LoggerFactory;

/**
 * Every place's {@link InternalErrors} as one meter, {@code ncbridge_internal_errors_total}, with
 * exactly one tag, {@code where} (decode, sink, housekeeping, http). Here rather than in the app
 * because the sink runners count into it too.
 */
public final class InternalErrorMeters {
    public static final String METER = "ncbridge.internal.errors";
    /** One {@link InternalErrors} per place and registry: every sink runner counts into the same one. */
    private static final Map<MeterRegistry, Map<String, InternalErrors>> PLACES = new WeakHashMap<>();

    private InternalErrorMeters() {
    }

    /** The place's errors, counted in the registry's meter; the same object for every caller of one place. */
    public static InternalErrors of(MeterRegistry registry, String where) {
        synchronized (PLACES) {
            return PLACES.computeIfAbsent(registry, r -> new HashMap<>()).computeIfAbsent(where, w -> {
                InternalErrors errors = new InternalErrors(w, LoggerFactory.getLogger("dev.ncbridge." + w));
                bind(registry, errors);
                return errors;
            });
        }
    }

    /** Counts errors a place keeps itself (the decode workers') in the meter. */
    public static void bind(MeterRegistry registry, InternalErrors errors) {
        FunctionCounter.builder(METER, errors, InternalErrors::count)
                .tag("where", errors.where())
                .description("Unexpected failures caught inside the bridge, by where they happened; the thread carried on")
                .register(registry);
    }
}
