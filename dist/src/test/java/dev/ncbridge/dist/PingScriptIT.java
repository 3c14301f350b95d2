package dev.ncbridge.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ncbridge.app.testing.BridgeProcess;
import dev.ncbridge.app.testing.FakeNetconsole;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The archive's bin/ncbridge-ping (the shell ping, no Java) against a fake configfs tree whose
 * "kernel" sends what is written to kmsg or send_msg, and a bridge started from the archive's
 * bin/ncbridge: the cases of the Java command's PingCommandTest.
 */
class PingScriptIT {
    @TempDir
    static Path shared;
    static Path home;
    static BridgeProcess bridge;
    static int udpPort;
    static String api;

    @TempDir
    Path dir;
    FakeNetconsole netconsole;
    Path kmsg;

    @BeforeAll
    static void startBridge() throws Exception {
        home = Dist.unpackArchive(Files.createDirectories(shared.resolve("archive")));
        udpPort = BridgeProcess.freeUdpPort();
        int httpPort = BridgeProcess.freeTcpPort();
        Path config = Files.writeString(shared.resolve("ncbridge.yaml"),
                ShippedConfig.onLoopback(home.resolve("conf/ncbridge.yaml"), udpPort, httpPort));
        bridge = BridgeProcess.start(List.of(home.resolve("bin/ncbridge").toString(), "run", "-c", config.toString()),
                shared, shared, httpPort);
        api = "http://127.0.0.1:" + httpPort;
    }

    @AfterAll
    static void stopBridge() {
        if (bridge != null) {
            bridge.close();
        }
    }

    @BeforeEach
    void fakeKernel() throws IOException {
        netconsole = new FakeNetconsole(Files.createDirectories(dir.resolve("netconsole")));
        kmsg = Files.createFile(dir.resolve("kmsg"));
    }

    /** ncbridge-ping running, with its output in a file. */
    private Process ping(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/ncbridge-ping").toString(),
                "--configfs", netconsole.configfs().toString(), "--kmsg", kmsg.toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(dir.resolve("out").toFile()).start();
    }

    private String finished(Process ping, int exitCode) throws Exception {
        assertThat(ping.waitFor(60, TimeUnit.SECONDS)).as("ncbridge-ping ended").isTrue();
        String out = Files.readString(dir.resolve("out"));
        assertThat(ping.exitValue()).as(out).isEqualTo(exitCode);
        return out;
    }

    /** The records written to the fake /dev/kmsg once there are {@code n}. */
    private List<String> kmsgRecords(int n) {
        return await().atMost(Duration.ofSeconds(20))
                .until(() -> Files.readAllLines(kmsg).stream().map(l -> l + "\n").toList(), l -> l.size() == n);
    }

    private static int freePort() throws IOException {
        return BridgeProcess.freeUdpPort();
    }

    @Test
    void viaKmsgBothFormatsArriveAndAreVerified() throws Exception {
        int extPort = freePort();
        int legPort = freePort();
        netconsole.target("ext", true, udpPort, extPort, true, false);
        netconsole.target("leg", true, udpPort, legPort, false, false);
        netconsole.target("off", false, udpPort, freePort(), true, false);

        Process ping = ping("--verify", api, "--timeout", "30s");
        List<String> written = kmsgRecords(2);
        assertThat(written).allMatch(r -> r.matches("<5>ncbridge-ping nonce=[0-9a-f]{32} via=kmsg target=(ext|leg)\n"));
        for (String record : written) {
            netconsole.send(record);
        }

        assertThat(finished(ping, 0).strip())
                .startsWith("ncbridge-ping: ok: 2/2 targets verified by " + api + " via kmsg (ext in ")
                .contains(", leg in ");
        List<JsonNode> sources = new ArrayList<>();
        new ObjectMapper().readTree(bridge.get("/api/v1/sources").body()).forEach(sources::add);
        assertThat(sources).filteredOn(s -> List.of(extPort, legPort).contains(s.get("port").asInt()))
                .extracting(s -> s.get("format").asText()).containsExactlyInAnyOrder("extended", "legacy");
    }

    @Test
    void aBridgeWithAnApiTokenVerifiesOnlyWithTheTokenFile() throws Exception {
        int tokenUdpPort = BridgeProcess.freeUdpPort();
        int tokenHttpPort = BridgeProcess.freeTcpPort();
        String token = "ping-script-test-token-0123456789";
        Path config = Files.writeString(dir.resolve("token.yaml"),
                ShippedConfig.onLoopback(home.resolve("conf/ncbridge.yaml"), tokenUdpPort, tokenHttpPort)
                        .replace("http: {listen: \"127.0.0.1:" + tokenHttpPort + "\"}",
                                "http: {listen: \"127.0.0.1:" + tokenHttpPort + "\", api_token: \"" + token + "\"}"));
        Path tokenFile = Files.writeString(dir.resolve("api-token"), token + "\n");
        String tokenApi = "http://127.0.0.1:" + tokenHttpPort;
        try (BridgeProcess withToken = BridgeProcess.start(List.of(home.resolve("bin/ncbridge").toString(), "run", "-c",
                config.toString()), dir, dir, tokenHttpPort)) {
            netconsole.target("ext", true, tokenUdpPort, freePort(), true, false);

            Process without = ping("--verify", tokenApi, "--timeout", "3s");
            netconsole.send(kmsgRecords(1).get(0));
            assertThat(finished(without, 1)).contains("wants its API token");

            Files.writeString(kmsg, "");
            Process with = ping("--verify", tokenApi, "--timeout", "30s", "--token-file", tokenFile.toString());
            netconsole.send(kmsgRecords(1).get(0));
            assertThat(finished(with, 0)).startsWith("ncbridge-ping: ok: 1/1 targets verified by " + tokenApi);
        }
    }

    @Test
    void viaSendMsgTheTargetsOwnAttributeCarriesThePing() throws Exception {
        Path target = netconsole.target("ext", true, udpPort, freePort(), true, true);

        Process ping = ping("--via", "send_msg", "--verify", api, "--timeout", "30s");
        String written = await().atMost(Duration.ofSeconds(20))
                .until(() -> Files.readString(target.resolve("send_msg")), s -> !s.isEmpty());
        assertThat(written).matches("ncbridge-ping nonce=[0-9a-f]{32} via=send_msg target=ext");
        netconsole.send(written);

        assertThat(finished(ping, 0)).startsWith("ncbridge-ping: ok: 1/1 targets verified by " + api
                + " via send_msg (ext in ");
        assertThat(kmsg).isEmptyFile();
    }

    @Test
    void aPingFromAnotherSourceIsNotVerifiedUnlessAnySourceIsAllowed() throws Exception {
        int localPort = freePort();
        netconsole.target("ext", true, udpPort, localPort, true, false);
        int stranger = freePort();

        Process ping = ping("--verify", api, "--timeout", "3s");
        netconsole.send(kmsgRecords(1).get(0), stranger);
        assertThat(finished(ping, 1).strip()).isEqualTo("ncbridge-ping: FAILED: 1/1 targets not verified via kmsg:"
                + " ext (127.0.0.1:" + udpPort + "): arrived at " + api + "/ but from 127.0.0.1:" + stranger
                + ", not from 127.0.0.1:" + localPort + " within 3s");

        Files.writeString(kmsg, "");
        Process anySource = ping("--verify", api, "--timeout", "30s", "--any-source");
        netconsole.send(kmsgRecords(1).get(0), stranger);
        assertThat(finished(anySource, 0)).startsWith("ncbridge-ping: ok: 1/1 targets verified");
    }

    @Test
    void aTargetWhoseKernelSentNothingFailsVerification() throws Exception {
        netconsole.target("good", true, udpPort, freePort(), true, false);
        netconsole.target("broken", true, udpPort, freePort(), true, false);

        Process ping = ping("--verify", api, "--timeout", "3s");
        kmsgRecords(2).stream().filter(r -> r.contains("target=good")).forEach(r -> {
            try {
                netconsole.send(r);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });

        assertThat(finished(ping, 1).strip()).isEqualTo("ncbridge-ping: FAILED: 1/2 targets not verified via kmsg:"
                + " broken (127.0.0.1:" + udpPort + "): not seen by " + api + "/ within 3s");
    }

    @Test
    void withoutVerifyThePingsAreOnlyWritten() throws Exception {
        netconsole.target("ext", true, udpPort, freePort(), true, false);

        String out = finished(ping(), 0).strip();

        Matcher m = Pattern.compile("ncbridge-ping: ok: 1/1 targets pinged via kmsg \\(ext -> 127\\.0\\.0\\.1:" + udpPort
                + " nonce=([0-9a-f]{32})\\)").matcher(out);
        assertThat(m.matches()).as(out).isTrue();
        assertThat(Files.readString(kmsg)).isEqualTo("<5>ncbridge-ping nonce=" + m.group(1) + " via=kmsg target=ext\n");
    }

    @Test
    void noEnabledTargetIsAFailureNoConfigfsOrABadOptionAUsageErrorAndHelpIsThere() throws Exception {
        netconsole.target("off", false, udpPort, freePort(), true, false);
        Path nowhere = netconsole.configfs().resolve("nope");

        assertThat(finished(ping(), 1))
                .isEqualTo("ncbridge-ping: FAILED: no enabled netconsole target under " + netconsole.configfs() + "\n");
        assertThat(finished(ping("--configfs", nowhere.toString()), 2))
                .contains("no netconsole configfs at " + nowhere);
        assertThat(finished(ping("--via", "udp"), 2)).contains("--via: 'udp' is not kmsg or send_msg");
        assertThat(finished(ping("--timeout", "soon"), 2)).contains("--timeout: 'soon' is not a duration");
        assertThat(finished(ping("--help"), 0)).startsWith("Usage: ncbridge-ping").contains("--verify URL");
    }
}
