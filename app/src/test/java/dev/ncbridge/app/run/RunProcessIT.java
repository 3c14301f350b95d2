package dev.ncbridge.app.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ncbridge.app.testing.BridgeProcess;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar ncbridge.jar run} as a real process: UDP in, JSON lines out, the HTTP endpoint
 * while it runs, and a SIGTERM that flushes what the decoder still holds and exits 0.
 */
class RunProcessIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void receivesDecodesServesAndFlushesOnSigterm() throws Exception {
        int udpPort = BridgeProcess.freeUdpPort();
        int httpPort = BridgeProcess.freeTcpPort();
        Path config = dir.resolve("ncbridge.yaml");
        // A long legacy_flush: the partial legacy line must come out at shutdown, not from the timer.
        Files.writeString(config, "listen: [\"127.0.0.1:" + udpPort + "\"]\n"
                + "receive: {threads: 1, workers: 1}\n"
                + "decoder: {legacy_flush: 10m}\n"
                + "sinks:\n  out: {type: stdout, format: json}\n"
                + "http: {listen: \"127.0.0.1:" + httpPort + "\"}\n"
                + "shutdown: {drain_timeout: 5s}\n");
        List<String> command = List.of(BridgeProcess.java(), "-jar", BridgeProcess.jar().toString(), "run", "-c",
                config.toString());
        try (BridgeProcess bridge = BridgeProcess.start(command, dir, dir, httpPort)) {
            assertThat(bridge.stderr()).contains("ncbridge started");

            InetSocketAddress to = new InetSocketAddress("127.0.0.1", udpPort);
            int extendedPort;
            int legacyPort;
            try (DatagramSocket extended = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
                 DatagramSocket legacy = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
                extendedPort = extended.getLocalPort();
                legacyPort = legacy.getLocalPort();
                send(extended, to, "6,7,1000,-;hello extended\n");
                send(extended, to, "4,8,2000,-,ncfrag=11/18;message");
                send(extended, to, "4,8,2000,-,ncfrag=0/18;fragmented ");
                // No newline: the decoder holds the line, waiting for the rest.
                send(legacy, to, "[   12.000001] partial legacy line");
            }

            await().atMost(Duration.ofSeconds(20)).until(() -> bridge.records().size() == 2);
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> bridge.get("/metrics").body(),
                            m -> m.lines().anyMatch(l -> l.matches("ncbridge_datagrams_received_total(\\{.*})? 4\\.0")));
            // Sources are known from their records: the legacy sender, whose line is still held by the
            // decoder, has none yet.
            JsonNode sources = JSON.readTree(bridge.get("/api/v1/sources").body());
            Map<Integer, JsonNode> byPort = new HashMap<>();
            sources.forEach(s -> byPort.put(s.get("port").asInt(), s));
            assertThat(byPort).containsKey(extendedPort);
            assertThat(byPort.get(extendedPort).get("address").asText()).isEqualTo("127.0.0.1");
            assertThat(byPort.get(extendedPort).get("format").asText()).isEqualTo("extended");
            assertThat(byPort.get(extendedPort).get("messages").asInt()).isEqualTo(2);
            assertThat(byPort.get(extendedPort).get("last_seq").asLong()).isEqualTo(8);

            bridge.stopGracefully(Duration.ofSeconds(30));

            Map<String, JsonNode> byMessage = bridge.records().stream()
                    .collect(Collectors.toMap(r -> r.get("message").asText(), Function.identity()));
            assertThat(byMessage).containsOnlyKeys("hello extended", "fragmented message", "partial legacy line");
            JsonNode ext = byMessage.get("hello extended");
            assertThat(ext.at("/netconsole/format").asText()).isEqualTo("extended");
            assertThat(ext.at("/event/sequence").asLong()).isEqualTo(7);
            assertThat(ext.at("/netconsole/incomplete").isMissingNode()).isTrue();
            JsonNode frag = byMessage.get("fragmented message");
            assertThat(frag.at("/netconsole/fragments").asInt()).isEqualTo(2);
            assertThat(frag.at("/netconsole/incomplete").isMissingNode()).isTrue();
            JsonNode leg = byMessage.get("partial legacy line");
            assertThat(leg.at("/netconsole/format").asText()).isEqualTo("legacy");
            assertThat(leg.at("/netconsole/kernel_ts_us").asLong()).isEqualTo(12_000_001L);
            assertThat(leg.at("/netconsole/incomplete").asBoolean()).isTrue();
            assertThat(leg.at("/source/port").asInt()).isEqualTo(legacyPort);
        }
    }

    private static void send(DatagramSocket from, InetSocketAddress to, String payload) throws IOException {
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        from.send(new DatagramPacket(bytes, bytes.length, to));
    }
}
