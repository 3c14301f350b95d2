package dev.ncbridge.app.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ncbridge.app.testing.StdoutRecords;
import dev.ncbridge.config.ConfigLoader;
import dev.ncbridge.config.Substitution;
import dev.ncbridge.sink.SinkRunner;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Silent and back events through a running bridge's routes, with a short silent_after. */
class BridgeLivenessTest {
    private final StdoutRecords stdout = new StdoutRecords();
    private Bridge bridge;

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        if (bridge != null) {
            bridge.close();
        }
    }

    private void start(String sourcesSection) throws Exception {
        bridge = Bridge.build(new ConfigLoader(new Substitution(k -> null)).load("test.yaml", """
                listen: ["127.0.0.1:0"]
                http: {enabled: false}
                sources: %s
                sinks: {out: {type: stdout, batch: {linger: 1ms}}}
                routes: [{to: [out]}]
                """.formatted(sourcesSection)), stdout);
        bridge.start();
    }

    private List<JsonNode> events(String type) throws IOException {
        return stdout.records().stream().filter(r -> r.path("event").path("action").asText().equals(type)).toList();
    }

    private void send(DatagramSocket from, String datagram) throws IOException {
        byte[] b = datagram.getBytes(StandardCharsets.UTF_8);
        from.send(new DatagramPacket(b, b.length, bridge.udpAddresses().get(0)));
    }

    private double gauge(String state) {
        return bridge.registry().get("ncbridge.sources").tag("state", state).gauge().value();
    }

    @Test
    void aQuietSourceIsSilentOnceAndBackOnceWhenItSendsAgain() throws Exception {
        start("{silent_after: 300ms}");
        try (DatagramSocket host = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            send(host, "6,1,1000,-;first\n");
            await().atMost(Duration.ofSeconds(10)).until(() -> events("source_silent").size() == 1);
            // Many checks run while it stays silent: still one event.
            await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(2))
                    .until(() -> events("source_silent").size() == 1);
            assertThat(gauge("silent")).isEqualTo(1);

            send(host, "6,2,2000,-;second\n");
            await().atMost(Duration.ofSeconds(10)).until(() -> events("source_back").size() == 1);
        }
        JsonNode silent = events("source_silent").get(0);
        assertThat(silent.at("/netconsole/kind").asText()).isEqualTo("event");
        assertThat(silent.at("/netconsole/event/silent_after_ms").asLong()).isEqualTo(300);
        assertThat(silent.at("/netconsole/event/never_seen").asBoolean()).isFalse();
        List<String> order = stdout.records().stream()
                .map(r -> r.path("event").path("action").asText(r.path("message").asText())).toList();
        assertThat(order).containsExactly("first", "source_silent", "source_back", "second");
        assertThat(events("source_back").get(0).at("/netconsole/event/silent_for_ms").asLong()).isGreaterThanOrEqualTo(300);
        assertThat(gauge("silent")).isZero();
        assertThat(gauge("active")).isEqualTo(1);
    }

    @Test
    void anInventoryHostNeverHeardFromIsReported() throws Exception {
        Path inventory = Files.writeString(dir.resolve("hosts"), "127.0.0.1 here\n192.0.2.10 gone silent_after=200ms\n");
        start("{inventory: \"" + inventory + "\"}");
        try (DatagramSocket host = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            send(host, "6,1,1000,-;hello\n");
            await().atMost(Duration.ofSeconds(10)).until(() -> events("source_silent").size() == 1
                    && stdout.records().stream().anyMatch(r -> r.path("message").asText().equals("hello")));
        }
        JsonNode gone = events("source_silent").get(0);
        assertThat(gone.at("/host/name").asText()).isEqualTo("gone");
        assertThat(gone.at("/netconsole/event/never_seen").asBoolean()).isTrue();
        assertThat(gauge("never_seen")).isEqualTo(1);
        assertThat(stdout.records().stream().filter(r -> r.path("message").asText().equals("hello")))
                .singleElement().satisfies(r -> assertThat(r.at("/host/name").asText())
                        .as("inventory names name sources").isEqualTo("here"));
    }

    /**
     * The never-seen events go to a {@code block} sink that never answers: the housekeeping thread
     * waits in the sink's queue for ever. Meanwhile the {@code ncbridge.sources} gauge, which takes
     * the registry's admission lock, must still be read, so {@code /metrics} and {@code /health/live}
     * answer at once.
     */
    @Test
    void metricsAndLivenessAnswerWhileLivenessEventsWaitOnAStalledBlockSink() throws Exception {
        StringBuilder hosts = new StringBuilder();
        for (int i = 1; i <= 20; i++) {
            hosts.append("192.0.2.").append(i).append(" gone-").append(i).append(" silent_after=100ms\n");
        }
        Path inventory = Files.writeString(dir.resolve("hosts"), hosts);
        bridge = Bridge.build(new ConfigLoader(new Substitution(k -> null)).load("test.yaml", """
                listen: ["127.0.0.1:0"]
                http: {listen: "127.0.0.1:0"}
                shutdown: {drain_timeout: 1s}
                sources: {inventory: "%s"}
                sinks: {stuck: {type: test-stuck, overflow: block, queue_size: 2, batch: {max_records: 1}}}
                routes: [{to: [stuck]}]
                """.formatted(inventory)), stdout);
        bridge.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> waitingInASink("housekeeping"));

        HttpClient client = HttpClient.newHttpClient();
        for (String path : List.of("/metrics", "/health/live", "/metrics")) {
            HttpResponse<String> answer = client.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + bridge.httpAddress().getPort() + path))
                    .timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(path).isEqualTo(200);
            if (path.equals("/metrics")) {
                assertThat(answer.body()).as("the gauge that takes the admission lock was read")
                        .contains("ncbridge_sources{state=\"never_seen\"} 20.0")
                        .contains("ncbridge_internal_errors_total{where=\"housekeeping\"} 0.0");
            }
        }
        assertThat(waitingInASink("housekeeping")).as("still stalled while the answers came").isTrue();
    }

    /** Whether the thread of that name is inside a sink runner, waiting for room in its queue. */
    private static boolean waitingInASink(String threadName) {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(e -> e.getKey().getName().equals(threadName))
                .flatMap(e -> Arrays.stream(e.getValue()))
                .anyMatch(frame -> frame.getClassName().equals(SinkRunner.class.getName())
                        && frame.getMethodName().equals("offer"));
    }

    @Test
    void silentAfterMustBeShorterThanSourceIdle() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ConfigLoader(new Substitution(k -> null))
                        .load("test.yaml", "decoder: {source_idle: 10m}\nsources:\n  silent_after: 1h\n"))
                .hasMessageContaining("test.yaml:3: sources.silent_after: must be shorter than decoder.source_idle (10m)");
    }
}
