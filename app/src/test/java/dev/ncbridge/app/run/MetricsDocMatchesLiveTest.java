package dev.ncbridge.app.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ncbridge.app.testing.LiveSeries;
import dev.ncbridge.app.testing.MetricsDoc;
import dev.ncbridge.app.testing.StdoutRecords;
import dev.ncbridge.config.ConfigLoader;
import dev.ncbridge.config.Substitution;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code docs/metrics.md} and a live {@code /metrics} name the same series: a bridge with every
 * built-in sink that needs no server (stdout, file with a spool, blackhole, syslog over udp) serves
 * exactly the series the page lists, but for those it marks as present only with another sink.
 */
class MetricsDocMatchesLiveTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private Bridge bridge;

    @AfterEach
    void stop() {
        if (bridge != null) {
            bridge.close();
        }
    }

    @Test
    void everyLiveSeriesIsDocumentedAndEveryDocumentedSeriesIsLive(@TempDir Path dir) throws Exception {
        bridge = Bridge.build(ImplicitDefaults.apply(new ConfigLoader(new Substitution(k -> null)).load("test.yaml", """
                listen: ["127.0.0.1:0"]
                http: {listen: "127.0.0.1:0"}
                sinks:
                  out: {type: stdout}
                  files: {type: file, path: "%s/{host}.log", overflow: spool, spool: {dir: "%s/spool"}}
                  void: {type: blackhole}
                  # udp needs no server, and the test sends no datagram, so nothing goes out at all.
                  relay: {type: syslog, address: "127.0.0.1:9", transport: udp}
                """.formatted(dir, dir))), new StdoutRecords());
        bridge.start();
        MetricsDoc doc = MetricsDoc.read();
        // The GC meters appear with the first collection.
        System.gc();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(difference(doc.always(), LiveSeries.of(scrape())))
                .as("in docs/metrics.md but not served by /metrics").isEmpty());

        assertThat(difference(LiveSeries.of(scrape()), doc.all())).as("served by /metrics but not in docs/metrics.md")
                .isEmpty();
        // Histograms, not summaries: Prometheus can add them up over bridges (the dashboard does).
        assertThat(scrape()).contains("# TYPE ncbridge_sink_batch_latency_seconds histogram",
                "ncbridge_sink_batch_latency_seconds_bucket{sink=\"out\",le=\"5.0E-4\"}",
                "# TYPE ncbridge_sink_spool_write_latency_seconds histogram",
                "# TYPE ncbridge_sink_spool_fsync_latency_seconds histogram");
        assertThat(LiveSeries.of(scrape())).as("the syslog sink's own series, checked against the page above")
                .contains("ncbridge_syslog_bytes_written_total");
        assertThat(doc.all()).as("the page lists the other sinks' series too")
                .contains("ncbridge_elasticsearch_bulk_requests_total");
    }

    private String scrape() throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + bridge.httpAddress().getPort() + "/metrics");
        return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> d = new TreeSet<>(a);
        d.removeAll(b);
        return d;
    }
}
