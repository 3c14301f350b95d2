package dev.ncbridge.app.run;

import dev.ncbridge.app.http.ReloadOutcome;
import dev.ncbridge.app.http.ReloadOutcome.Kind;
import dev.ncbridge.config.ConfigException;
import dev.ncbridge.config.NcbridgeConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reloads a running bridge (docs/operations.md, "Reloading"), one reload at a time: reads the next
 * configuration, checks it in full as {@code validate} does, computes the {@link ReloadPlan},
 * refuses it whole when a key that needs a restart changed, else has the bridge apply it, drains
 * the sinks it removed or replaced, and starts the replacements. Whatever is refused leaves the
 * running configuration as it was. Each reload is logged with what it changed, and counted.
 */
final class Reloader {
    private static final Logger log = LoggerFactory.getLogger(Reloader.class);

    private final Bridge bridge;
    private final ReentrantLock oneAtATime = new ReentrantLock();
    private final Counter applied;
    private final Counter rejected;
    private final AtomicInteger lastSuccessful = new AtomicInteger(1);
    /** Starts at the start, as Prometheus's own: the configuration running was loaded then. */
    private final AtomicLong lastSuccessMillis = new AtomicLong(System.currentTimeMillis());
    private volatile Supplier<NcbridgeConfig> source;

    Reloader(Bridge bridge, MeterRegistry registry) {
        this.bridge = bridge;
        this.applied = reloads(registry, "applied");
        this.rejected = reloads(registry, "rejected");
        Gauge.builder("ncbridge.config.last.reload.successful", lastSuccessful, AtomicInteger::get)
                .description("1 if the last reload was applied (or none was tried), 0 if it was rejected")
                .register(registry);
        Gauge.builder("ncbridge.config.last.reload.success.timestamp", lastSuccessMillis, m -> m.get() / 1000.0)
                .baseUnit("seconds").description("When the running configuration was loaded: the start, or the last"
                        + " reload applied (Unix time)").register(registry);
    }

    private static Counter reloads(MeterRegistry registry, String result) {
        return Counter.builder("ncbridge.config.reloads").tag("result", result)
                .description("Configuration reloads, applied or rejected (the running configuration then stays)")
                .register(registry);
    }

    void source(Supplier<NcbridgeConfig> next) {
        this.source = next;
    }

    /**
     * Reloads, or, when another reload is under way, waits for it ({@code wait}) or refuses.
     * Never throws: every failure is an outcome, and the running configuration stays.
     */
    ReloadOutcome reload(boolean wait) {
        if (wait) {
            oneAtATime.lock();
        } else if (!oneAtATime.tryLock()) {
            return ReloadOutcome.rejected(Kind.BUSY, List.of(), "another reload is under way; try again when it is done");
        }
        try {
            ReloadOutcome outcome = attempt();
            (outcome.isApplied() ? applied : rejected).increment();
            lastSuccessful.set(outcome.isApplied() ? 1 : 0);
            if (outcome.isApplied()) {
                lastSuccessMillis.set(System.currentTimeMillis());
            }
            return outcome;
        } finally {
            oneAtATime.unlock();
        }
    }

    private ReloadOutcome attempt() {
        Supplier<NcbridgeConfig> from = source;
        if (from == null) {
            return refused(Kind.FAILED, "this bridge was not started from a configuration file");
        }
        NcbridgeConfig next;
        try {
            next = from.get();
            Bridge.check(next);
        } catch (ConfigException e) {
            e.problems().forEach(p -> log.warn("reload: {}", p));
            log.warn("reload rejected: the configuration has {} problem{}; the running one stays", e.problems().size(),
                    e.problems().size() == 1 ? "" : "s");
            return ReloadOutcome.rejected(Kind.INVALID, e.problems(), null);
        } catch (RuntimeException e) {
            // Not a problem in the file (the plugin directory cannot be listed, say): said as it is.
            return refused(Kind.FAILED, "cannot load the configuration: " + e.getMessage());
        }
        ReloadPlan plan = ReloadPlan.between(bridge.config(), next);
        if (!plan.needsRestart().isEmpty()) {
            return refused(Kind.NEEDS_RESTART, String.join(", ", plan.needsRestart()) + " changed, which only a restart"
                    + " applies (docs/operations.md, \"Reloading\"); nothing was changed");
        }
        if (plan.changesNothing()) {
            log.info("reload: {} changes nothing", next.origin());
            return ReloadOutcome.applied(List.of());
        }
        Bridge.Handover handover;
        try {
            handover = bridge.apply(plan, next);
        } catch (Exception e) {
            return refused(Kind.FAILED, e.getMessage() + "; the running configuration stays");
        }
        log.info("reload applied from {}: {}", next.origin(), String.join("; ", plan.changes()));
        Bridge.closeSinks(handover.retiring(), System.nanoTime() + next.shutdown().drainTimeout().toNanos());
        plan.sinksRemoved().forEach(bridge::removeGauges);
        bridge.startReplacements(handover.replacements());
        return ReloadOutcome.applied(plan.changes());
    }

    private static ReloadOutcome refused(Kind kind, String why) {
        log.warn("reload rejected: {}", why);
        return ReloadOutcome.rejected(kind, List.of(), why);
    }
}
