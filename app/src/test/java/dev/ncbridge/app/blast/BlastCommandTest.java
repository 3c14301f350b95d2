package dev.ncbridge.app.blast;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ncbridge.app.CommandRun;
import dev.ncbridge.app.run.Bridge;
import dev.ncbridge.config.ConfigLoader;
import dev.ncbridge.config.Substitution;
import java.io.OutputStream;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code ncbridge blast} into a bridge running in this process, verified by the bridge's counters. */
class BlastCommandTest {
    private Bridge bridge;
    private String api;
    private String udp;

    @BeforeEach
    void startBridge() throws Exception {
        bridge = Bridge.build(new ConfigLoader(new Substitution(k -> null)).load("test.yaml", """
                listen: ["127.0.0.1:0"]
                receive: {socket_buffer: 8MiB}
                http: {listen: "127.0.0.1:0"}
                sinks: {out: {type: stdout}}
                routes: [{to: [out]}]
                """), OutputStream.nullOutputStream());
        bridge.start();
        udp = "127.0.0.1:" + bridge.udpAddresses().get(0).getPort();
        api = "http://127.0.0.1:" + bridge.httpAddress().getPort();
    }

    @AfterEach
    void stopBridge() {
        bridge.close();
    }

    private JsonNode sources() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(api + "/api/v1/sources")).build(), HttpResponse.BodyHandlers.ofString());
        return new ObjectMapper().readTree(r.body());
    }

    @Test
    void hostsOnTheirOwnAddressesAreAllReceivedAndDecoded() throws Exception {
        // A modest rate: the point is the accounting, not the speed, and CI machines are small.
        CommandRun run = CommandRun.of("blast", "--to", udp, "--hosts", "20", "--count", "2000", "--rate", "20000",
                "--fragmented", "0.1", "--verify", api);

        assertThat(run.exitCode()).as(run.out() + run.stderr()).isZero();
        assertThat(run.out()).contains("blast: sent 2000 messages (")
                .containsPattern("bridge received (\\d+) of \\1 datagrams \\(lost 0, 0\\.000%\\), decoded 2000 of 2000"
                        + " messages \\(lost 0\\)");
        Set<String> addresses = new HashSet<>();
        sources().forEach(s -> {
            addresses.add(s.get("address").asText());
            assertThat(s.get("messages").asLong()).isEqualTo(100);
            assertThat(s.get("gaps").asLong()).isZero();
        });
        assertThat(addresses).hasSize(20).contains("127.1.0.1", "127.1.0.20");
    }

    @Test
    void hostsOnTheirOwnPortsShareOneAddress() throws Exception {
        CommandRun run = CommandRun.of("blast", "--to", udp, "--hosts", "5", "--spread", "ports", "--count", "50",
                "--legacy", "--verify", api);

        assertThat(run.exitCode()).as(run.out() + run.stderr()).isZero();
        JsonNode sources = sources();
        assertThat(sources).hasSize(5);
        sources.forEach(s -> {
            assertThat(s.get("address").asText()).isEqualTo("127.0.0.1");
            assertThat(s.get("format").asText()).isEqualTo("legacy");
        });
    }

    @Test
    void trafficThatNeverArrivesFailsVerification() throws Exception {
        int nowhere;
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            nowhere = s.getLocalPort();
        }

        CommandRun run = CommandRun.of("blast", "--to", "127.0.0.1:" + nowhere, "--hosts", "2", "--count", "10",
                "--verify", api);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("bridge received 0 of 10 datagrams (lost 10, 100.000%), decoded 0 of 10");
    }

    @Test
    void badOptionsAreUsageErrors() {
        assertThat(CommandRun.of("blast", "--hosts", "0").exitCode()).isEqualTo(2);
        assertThat(CommandRun.of("blast", "--fragmented", "2").exitCode()).isEqualTo(2);
        CommandRun remote = CommandRun.of("blast", "--to", "192.0.2.1:6666", "--count", "1");
        assertThat(remote.exitCode()).isEqualTo(2);
        assertThat(remote.stderr()).contains("only reach a loopback target");
    }

    @Test
    void prometheusTotalsAreSummedOverSeries() {
        String exposition = """
                # HELP ncbridge_datagrams_received_total x
                ncbridge_datagrams_received_total 12.0
                ncbridge_datagrams_received_totalish 99.0
                ncbridge_decode_messages_total{a="1"} 3.0
                ncbridge_decode_messages_total{a="2"} 4.0
                """;

        assertThat(BridgeCounters.sum(exposition, BridgeCounters.RECEIVED)).isEqualTo(12);
        assertThat(BridgeCounters.sum(exposition, BridgeCounters.DECODED)).isEqualTo(7);
    }
}
