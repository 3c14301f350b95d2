package dev.ncbridge.app.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ncbridge.app.testing.CaptureTargets;
import dev.ncbridge.app.testing.StdoutRecords;
import dev.ncbridge.config.ConfigLoader;
import dev.ncbridge.config.NcbridgeConfig;
import dev.ncbridge.config.Substitution;
import dev.ncbridge.ingest.testing.KernelCaptures;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bridge in-process: real UDP on loopback in, records out of its sinks. */
class BridgeEndToEndTest {
    private final StdoutRecords stdout = new StdoutRecords();
    private Bridge bridge;

    @AfterEach
    void stop() {
        if (bridge != null) {
            bridge.close();
        }
    }

    private Bridge start(String yaml) throws Exception {
        NcbridgeConfig config = ImplicitDefaults.apply(new ConfigLoader(new Substitution(k -> null)).load("test.yaml", yaml));
        bridge = Bridge.build(config, stdout);
        bridge.start();
        return bridge;
    }

    private static void send(DatagramSocket from, InetSocketAddress to, byte[] payload) throws IOException {
        from.send(new DatagramPacket(payload, payload.length, to));
    }

    private static void send(DatagramSocket from, InetSocketAddress to, String payload) throws IOException {
        send(from, to, payload.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void extendedFragmentsAndLegacySplitsOverIpv4AndIpv6() throws Exception {
        start("listen: [\"127.0.0.1:0\", \"[::1]:0\"]\nhttp: {listen: \"127.0.0.1:0\"}\n");
        List<InetSocketAddress> udp = bridge.udpAddresses();
        String longLine = "x".repeat(2500);
        try (DatagramSocket v4 = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
             DatagramSocket v6 = new DatagramSocket(new InetSocketAddress("::1", 0))) {
            // The second fragment arrives first, and the cut falls inside an escape, as kernels do.
            send(v4, udp.get(0), "6,7,1000,-,ncfrag=12/19;82\\xac!");
            send(v4, udp.get(0), "6,7,1000,-,ncfrag=0/19,ncemg=1;hello \\xe2\\x");
            String legacy = "[   12.000001] " + longLine + "\n";
            byte[] bytes = legacy.getBytes(StandardCharsets.US_ASCII);
            for (int off = 0; off < bytes.length; off += 1000) {
                send(v6, udp.get(1), java.util.Arrays.copyOfRange(bytes, off, Math.min(bytes.length, off + 1000)));
            }
            await().until(() -> stdout.records().size() == 2);
        }
        Map<String, JsonNode> byFormat = new HashMap<>();
        for (JsonNode r : stdout.records()) {
            byFormat.put(r.at("/netconsole/format").asText(), r);
        }
        JsonNode ext = byFormat.get("extended");
        assertThat(ext.get("message").asText()).isEqualTo("hello €!");
        assertThat(ext.at("/netconsole/fragments").asInt()).isEqualTo(2);
        assertThat(ext.at("/host/ip").asText()).isEqualTo("127.0.0.1");
        JsonNode leg = byFormat.get("legacy");
        assertThat(leg.get("message").asText()).isEqualTo(longLine);
        assertThat(leg.at("/netconsole/kernel_ts_us").asLong()).isEqualTo(12_000_001L);
        assertThat(leg.at("/netconsole/fragments").asInt()).isEqualTo(3);
        assertThat(leg.at("/source/ip").asText()).isEqualTo("::1");
    }

    @Test
    void originalTrueKeepsTheDatagramAsEventOriginal() throws Exception {
        start("listen: [\"127.0.0.1:0\"]\nhttp: {enabled: false}\n"
                + "sinks:\n  out: {type: stdout, original: true}\nroutes:\n  - to: [out]\n");
        try (DatagramSocket v4 = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            send(v4, bridge.udpAddresses().get(0), "6,7,1000,-;hello\n");
            await().until(() -> stdout.records().size() == 1);
        }
        JsonNode record = stdout.records().get(0);
        assertThat(record.at("/event/original").asText()).isEqualTo("6,7,1000,-;hello\n");
        assertThat(record.at("/event/sequence").asLong()).isEqualTo(7);
    }

    @Test
    void aRealKernelCaptureReplayedOverUdpArrivesWhole() throws Exception {
        start("listen: [\"127.0.0.1:0\"]\nhttp: {enabled: false}\nreceive: {workers: 2}\n");
        try (CaptureTargets targets = new CaptureTargets(bridge)) {
            targets.replay(KernelCaptures.load("7.3.4+deb13-amd64"));
            await().atMost(Duration.ofSeconds(30)).until(() -> stdout.records().stream()
                    .filter(r -> r.get("message").asText().contains("NCB-CAPTURE-END")).count() == 4);
        }
        List<JsonNode> records = stdout.records();
        assertThat(records.stream().filter(r -> r.get("message").asText().startsWith("NCB-LONG1000 ")))
                .hasSize(4)
                .allSatisfy(r -> assertThat(r.get("message").asText()).hasSizeGreaterThan(1000));
        assertThat(records.stream().filter(r -> r.path("netconsole").path("userdata").path("foo").asText().equals("bar"))).isNotEmpty();
        assertThat(bridge.registry().find("ncbridge.decode.malformed").counters())
                .allSatisfy(c -> assertThat(c.count()).isZero());
    }

    @Test
    void aStuckSinkThatDropsDoesNotStallAHealthyOne() throws Exception {
        start("""
                listen: ["127.0.0.1:0"]
                http: {enabled: false}
                shutdown: {drain_timeout: 1s}
                sinks:
                  stuck: {type: test-stuck, overflow: drop_newest, queue_size: 10}
                  out: {type: stdout}
                routes:
                  - to: [stuck, out]
                """);
        InetSocketAddress udp = bridge.udpAddresses().get(0);
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            for (int i = 1; i <= 500; i++) {
                send(s, udp, "6," + i + "," + (1000 + i) + ",-;message " + i + "\n");
                if (i % 100 == 0) {
                    int sent = i;
                    await().until(() -> stdout.records().size() == sent);
                }
            }
        }
        assertThat(stdout.records()).hasSize(500);
        double dropped = bridge.registry().get("ncbridge.sink.records.dropped").tag("sink", "stuck")
                .tag("reason", "queue_full").counter().count();
        double accepted = bridge.registry().get("ncbridge.sink.records.accepted").tag("sink", "stuck").counter().count();
        assertThat(dropped).isPositive();
        // Accepted counts every record routed to the sink, dropped ones included.
        assertThat(accepted).isEqualTo(500);
    }

    @Test
    void perHostFilesFromTheFileSinkWithNamesFromTheNamesFile(@TempDir Path dir) throws Exception {
        Path names = dir.resolve("hosts");
        Files.writeString(names, "127.0.0.1 web-42\n");
        start("""
                listen: ["127.0.0.1:0", "[::1]:0"]
                http: {enabled: false}
                sources: {names: "%s"}
                sinks:
                  files: {type: file, path: "%s/{host}.log", format: text}
                """.formatted(names, dir));
        try (DatagramSocket v4 = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
             DatagramSocket v6 = new DatagramSocket(new InetSocketAddress("::1", 0))) {
            send(v4, bridge.udpAddresses().get(0), "3,1,1000,-;from v4\n");
            send(v6, bridge.udpAddresses().get(1), "[    2.000000] from v6\n");
        }
        Path web = dir.resolve("web-42.log");
        await().until(() -> Files.exists(web) && Files.readString(web).contains("from v4"));
        bridge.close();
        bridge = null;
        assertThat(Files.readString(web)).contains("web-42").contains("from v4").doesNotContain("from v6");
        try (var files = Files.list(dir)) {
            Path v6file = files.filter(p -> p.getFileName().toString().endsWith(".log") && !p.equals(web))
                    .findFirst().orElseThrow();
            assertThat(Files.readString(v6file)).contains("from v6");
        }
    }

    @Test
    void aPluginJarFromThePluginDirectoryIsASink(@TempDir Path dir) throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Path jar = Path.of(System.getProperty("ncbridge.example.plugin.jar"));
        Files.copy(jar, plugins.resolve(jar.getFileName()));
        Path out = dir.resolve("plugin-out.txt");
        start("""
                listen: ["127.0.0.1:0"]
                http: {enabled: false}
                plugins: {dir: "%s"}
                sinks:
                  mine: {type: example-prefix, path: "%s", prefix: "PLUGIN {level} ", format: text}
                """.formatted(plugins, out));
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            send(s, bridge.udpAddresses().get(0), "3,1,1000,-;disk on fire\n");
        }
        await().until(() -> Files.exists(out) && Files.readString(out).contains("disk on fire"));
        assertThat(Files.readString(out)).startsWith("PLUGIN err ").contains("disk on fire");
    }
}
