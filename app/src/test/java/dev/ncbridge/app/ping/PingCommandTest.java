package dev.ncbridge.app.ping;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ncbridge.app.CommandRun;
import dev.ncbridge.app.run.Bridge;
import dev.ncbridge.app.testing.FakeNetconsole;
import dev.ncbridge.app.testing.StdoutRecords;
import dev.ncbridge.config.ConfigLoader;
import dev.ncbridge.config.Substitution;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ncbridge ping} against a fake configfs tree and a bridge running in this process. */
class PingCommandTest {
    private final StdoutRecords stdout = new StdoutRecords();
    private Bridge bridge;
    private String api;
    private int udpPort;

    @TempDir
    Path configfs;

    @BeforeEach
    void startBridge() throws Exception {
        bridge = Bridge.build(new ConfigLoader(new Substitution(k -> null)).load("test.yaml", """
                listen: ["127.0.0.1:0"]
                http: {listen: "127.0.0.1:0"}
                sinks: {out: {type: stdout}}
                routes: [{to: [out]}]
                """), stdout);
        bridge.start();
        udpPort = bridge.udpAddresses().get(0).getPort();
        api = "http://127.0.0.1:" + bridge.httpAddress().getPort();
    }

    @AfterEach
    void stopBridge() {
        bridge.close();
    }

    /** A target directory as the kernel's configfs shows it (no send_msg). */
    private void target(String name, boolean enabled, int remotePort, int localPort, boolean extended)
            throws IOException {
        new FakeNetconsole(configfs).target(name, enabled, remotePort, localPort, extended, false);
    }

    private static int freePort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            return s.getLocalPort();
        }
    }

    @Test
    void bothFormatsArriveAndAreVerified() throws Exception {
        int extPort = freePort();
        int legPort = freePort();
        target("ext", true, udpPort, extPort, true);
        target("leg", true, udpPort, legPort, false);
        target("off", false, udpPort, freePort(), true);

        CommandRun run = CommandRun.of("ping", "--configfs", configfs.toString(), "--verify", api, "--timeout", "10s");

        assertThat(run.exitCode()).as(run.out() + run.stderr()).isZero();
        assertThat(run.lines()).singleElement().asString()
                .startsWith("ncbridge ping: ok: 2/2 targets verified by " + api + " via udp (ext in ")
                .contains("leg in ");
        List<JsonNode> sources = sourcesApi();
        assertThat(sources).extracting(s -> s.get("port").asInt()).containsExactlyInAnyOrder(extPort, legPort);
        assertThat(sources).allSatisfy(s -> {
            assertThat(s.get("pings").asInt()).isEqualTo(1);
            assertThat(s.get("last_ping_nonce").asText()).hasSize(32);
        });
        assertThat(sources).extracting(s -> s.get("format").asText()).containsExactlyInAnyOrder("extended", "legacy");
        assertThat(stdout.records()).as("pings are not forwarded to sinks by default").isEmpty();
    }

    @Test
    void aBridgeWithAnApiTokenVerifiesOnlyWithTheTokenFile(@TempDir Path dir) throws Exception {
        Path tokenFile = Files.writeString(dir.resolve("token"), "0123456789abcdef0123456789abcdef\n");
        Bridge guarded = Bridge.build(new ConfigLoader(new Substitution(k -> null)).load("test.yaml", """
                listen: ["127.0.0.1:0"]
                http: {listen: "127.0.0.1:0", api_token: "${file:%s}"}
                sinks: {out: {type: stdout}}
                routes: [{to: [out]}]
                """.formatted(tokenFile)), stdout);
        guarded.start();
        try {
            target("ext", true, guarded.udpAddresses().get(0).getPort(), freePort(), true);
            String guardedApi = "http://127.0.0.1:" + guarded.httpAddress().getPort();

            CommandRun without = CommandRun.of("ping", "--configfs", configfs.toString(), "--verify", guardedApi,
                    "--timeout", "1s");
            CommandRun with = CommandRun.of("ping", "--configfs", configfs.toString(), "--verify", guardedApi,
                    "--timeout", "10s", "--token-file", tokenFile.toString());

            assertThat(without.exitCode()).isEqualTo(1);
            assertThat(without.out()).contains(guardedApi + "/ wants its API token: give it with --token-file");
            assertThat(with.exitCode()).as(with.out() + with.stderr()).isZero();
        } finally {
            guarded.close();
        }
    }

    @Test
    void aTargetPointingWhereNothingListensFailsVerification() throws Exception {
        target("good", true, udpPort, freePort(), true);
        int nowhere = freePort();
        target("broken", true, nowhere, freePort(), true);

        CommandRun run = CommandRun.of("ping", "--configfs", configfs.toString(), "--verify", api, "--timeout", "1s");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.lines()).singleElement().asString()
                .isEqualTo("ncbridge ping: FAILED: 1/2 targets not verified via udp: broken (127.0.0.1:" + nowhere
                        + "): not seen by " + api + "/ within 1s");
    }

    @Test
    void withoutVerifyThePingsAreOnlySent() throws Exception {
        target("ext", true, udpPort, freePort(), true);

        CommandRun run = CommandRun.of("ping", "--configfs", configfs.toString());

        assertThat(run.exitCode()).isZero();
        Matcher m = Pattern.compile("ncbridge ping: ok: 1/1 targets pinged via udp \\(ext -> 127\\.0\\.0\\.1:" + udpPort
                + " nonce=([0-9a-f]{32})\\)").matcher(run.out().strip());
        assertThat(m.matches()).as(run.out()).isTrue();
        assertThat(CommandRun.of("ping", "--configfs", configfs.toString(), "--verify", api, "--timeout", "5s")
                .exitCode()).isZero();
    }

    @Test
    void viaKmsgWritesOneLevelPrefixedLinePerTarget() throws Exception {
        target("ext", true, udpPort, freePort(), true);
        Path kmsg = Files.createFile(configfs.getParent().resolve("kmsg-" + System.nanoTime()));

        CommandRun run = CommandRun.of("ping", "--configfs", configfs.toString(), "--via", "kmsg",
                "--kmsg", kmsg.toString());

        assertThat(run.exitCode()).as(run.out() + run.stderr()).isZero();
        assertThat(Files.readString(kmsg)).matches("<5>ncbridge-ping nonce=[0-9a-f]{32} via=kmsg target=ext\n");
    }

    @Test
    void viaSendMsgWhereTheKernelHasNoneFailsClearly() throws Exception {
        target("ext", true, udpPort, freePort(), true);

        CommandRun run = CommandRun.of("ping", "--configfs", configfs.toString(), "--via", "send_msg");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("ext (127.0.0.1:" + udpPort + "): cannot send via send_msg: this kernel offers"
                + " no send_msg attribute in " + configfs.resolve("ext"));
    }

    @Test
    void noEnabledTargetIsAFailureAndNoConfigfsAUsageError() throws Exception {
        target("off", false, udpPort, freePort(), true);

        CommandRun none = CommandRun.of("ping", "--configfs", configfs.toString());
        CommandRun missing = CommandRun.of("ping", "--configfs", configfs.resolve("nope").toString());

        assertThat(none.exitCode()).isEqualTo(1);
        assertThat(none.out()).isEqualTo("ncbridge ping: FAILED: no enabled netconsole target under " + configfs + "\n");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.stderr()).contains("no netconsole configfs at " + configfs.resolve("nope"));
    }

    private List<JsonNode> sourcesApi() throws Exception {
        java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(api + "/api/v1/sources")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        List<JsonNode> out = new java.util.ArrayList<>();
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body()).forEach(out::add);
        return out;
    }
}
