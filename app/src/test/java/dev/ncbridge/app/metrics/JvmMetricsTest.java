package dev.ncbridge.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.OperatingSystemMXBean;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

class JvmMetricsTest {
    @Test
    void exposesMemoryGcThreadsCpuAndUptime() {
        PrometheusMeterRegistry registry = JvmMetrics.inBaseUnits(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        try (JvmMetrics jvm = new JvmMetrics()) {
            jvm.bindTo(registry);

            assertThat(registry.scrape()).contains(
                    "jvm_memory_used_bytes{", "jvm_gc_", "jvm_threads_live_threads", "system_cpu_count",
                    "process_uptime_seconds");
        }
    }

    @Test
    void countsProcessCpuTimeInSecondsNotNanoseconds() {
        PrometheusMeterRegistry registry = JvmMetrics.inBaseUnits(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        try (JvmMetrics jvm = new JvmMetrics()) {
            jvm.bindTo(registry);

            double seconds = registry.get("process.cpu.time").functionCounter().count();
            long nanos = ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
            // CPU time only grows: read before the nanoseconds, the seconds are at most those.
            assertThat(seconds).isPositive().isLessThanOrEqualTo(nanos / 1e9);
            assertThat(registry.scrape()).contains("process_cpu_time_seconds_total").doesNotContain("process_cpu_time_ns");
        }
    }
}
