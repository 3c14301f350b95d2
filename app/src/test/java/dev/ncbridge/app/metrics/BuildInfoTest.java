package dev.ncbridge.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

class BuildInfoTest {
    @Test
    void isOneWithTheBuildsVersionAndTheJavaVersionAsLabels() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new BuildInfo().bindTo(registry);

        String java = System.getProperty("java.version");
        // The version Maven filtered into the build: the project's, not the placeholder or "unknown".
        assertThat(registry.scrape())
                .containsPattern("ncbridge_build_info\\{java_version=\"" + java.replace(".", "\\.")
                        + "\",version=\"\\d+\\.\\d+\\.\\d+[^\"$]*\"} 1(\\.0)?\n");
    }
}
