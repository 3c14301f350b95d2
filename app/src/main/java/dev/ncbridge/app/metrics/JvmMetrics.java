package dev.ncbridge.app.metrics;

import com.sun.management.OperatingSystemMXBean;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import java.lang.management.ManagementFactory;

/** Memory, GC, threads, CPU and uptime of the JVM. Close it on shutdown to remove the GC listeners. */
public final class JvmMetrics implements MeterBinder, AutoCloseable {
    private static final String CPU_TIME = "process.cpu.time";
    private final JvmGcMetrics gc = new JvmGcMetrics();

    @Override
    public void bindTo(MeterRegistry registry) {
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        // After ProcessorMetrics: a registry answers a second meter of the same name and tags with
        // the first (and a warning), so this one must come after the one the filter refuses.
        bindCpuTimeInSeconds(registry);
        new UptimeMetrics().bindTo(registry);
    }

    /**
     * Micrometer's {@link ProcessorMetrics} counts {@code process.cpu.time} in nanoseconds, which
     * Prometheus would see as {@code process_cpu_time_ns_total}; Prometheus wants base units. The
     * registry drops that meter ({@link #inBaseUnits}) and this one, in seconds, takes its place.
     */
    private static void bindCpuTimeInSeconds(MeterRegistry registry) {
        if (!(ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os)
                || os.getProcessCpuTime() < 0) {
            return;
        }
        FunctionCounter.builder(CPU_TIME, os, o -> o.getProcessCpuTime() / 1e9)
                .baseUnit("seconds")
                .description("The CPU time the Java virtual machine process used")
                .register(registry);
    }

    /**
     * Makes {@code registry} refuse meters in nanoseconds that this binder registers in seconds. Call
     * it before the first meter is registered: Micrometer applies a filter only to later meters.
     */
    public static <R extends MeterRegistry> R inBaseUnits(R registry) {
        registry.config().meterFilter(
                MeterFilter.deny(id -> id.getName().equals(CPU_TIME) && "ns".equals(id.getBaseUnit())));
        return registry;
    }

    @Override
    public void close() {
        gc.close();
    }
}
