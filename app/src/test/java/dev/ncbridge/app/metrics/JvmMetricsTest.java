package dev.ncbridge.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

class JvmMetricsTest {
    @Test
    void exposesMemoryGcThreadsCpuAndUptime() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (JvmMetrics jvm = new JvmMetrics()) {
            jvm.bindTo(registry);

            assertThat(registry.scrape()).contains(
                    "jvm_memory_used_bytes{", "jvm_gc_", "jvm_threads_live_threads", "system_cpu_count",
                    "process_uptime_seconds");
        }
    }
}
