package dev.ncbridge.app.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ncbridge.app.testing.MetricsDoc;
import dev.ncbridge.app.testing.PromQl;
import dev.ncbridge.app.testing.Repo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** deploy/grafana/ncbridge.json: a dashboard Grafana loads, whose queries read only series the bridge serves. */
class GrafanaDashboardTest {
    private final JsonNode dashboard = read();

    private static JsonNode read() {
        try {
            return new ObjectMapper().readTree(Repo.file("deploy/grafana/ncbridge.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<String> expressions() {
        List<String> exprs = new ArrayList<>();
        for (JsonNode panel : dashboard.get("panels")) {
            panel.path("targets").forEach(t -> exprs.add(t.get("expr").asText()));
        }
        return exprs;
    }

    @Test
    void everyQueryReadsOnlySeriesDocsMetricsLists() {
        MetricsDoc doc = MetricsDoc.read();
        assertThat(expressions()).isNotEmpty().allSatisfy(expr -> assertThat(PromQl.series(expr)).as(expr).isNotEmpty()
                .allSatisfy(series -> assertThat(doc.documents(series))
                        .as("%s reads %s, which docs/metrics.md does not list", expr, series).isTrue()));
    }

    @Test
    void hasPanelsForIntakeDropsByReasonSinkLatencyQueuesAndSourcesByState() {
        Set<String> read = new HashSet<>();
        expressions().forEach(expr -> read.addAll(PromQl.series(expr)));
        assertThat(read).contains("ncbridge_datagrams_received_total", "ncbridge_datagrams_dropped_total",
                "ncbridge_sink_records_dropped_total", "ncbridge_sink_batch_latency_seconds_bucket",
                "ncbridge_sink_queue_size", "ncbridge_sources");
        assertThat(expressions()).anyMatch(e -> e.contains("by (reason)") && e.contains("ncbridge_datagrams_dropped_total"))
                .anyMatch(e -> e.contains("by (state)") && e.contains("ncbridge_sources"))
                .anyMatch(e -> e.startsWith("histogram_quantile(") && e.contains("ncbridge_sink_batch_latency_seconds_bucket"));
    }

    @Test
    void isAGrafanaDashboardWithDistinctPanelsOnAPrometheusDataSourceVariable() {
        assertThat(dashboard.get("schemaVersion").asInt()).isGreaterThanOrEqualTo(36);
        assertThat(dashboard.get("uid").asText()).isEqualTo("ncbridge");
        Set<Integer> ids = new HashSet<>();
        for (JsonNode panel : dashboard.get("panels")) {
            assertThat(ids.add(panel.get("id").asInt())).as("panel id %s unique", panel.get("id")).isTrue();
            assertThat(panel.get("gridPos").get("w").asInt()).isBetween(1, 24);
            if (!panel.get("type").asText().equals("row")) {
                assertThat(panel.at("/datasource/uid").asText()).isEqualTo("${datasource}");
            }
        }
        assertThat(dashboard.at("/templating/list/0/type").asText()).isEqualTo("datasource");
        assertThat(dashboard.at("/templating/list/0/query").asText()).isEqualTo("prometheus");
    }
}
