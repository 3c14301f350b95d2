package dev.ncbridge.app.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ncbridge.app.testing.BridgeProcess;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The container image without a container engine: the image's layout rebuilt under a temporary
 * root (its paths mapped there), and the runnable jar started with the Dockerfile's own ENTRYPOINT,
 * JVM flags, CMD, WORKDIR and configuration, only the ports moved to free loopback ones.
 */
class DeployLayoutIT {
    /** Where the image keeps files; each is mapped under the temporary root. */
    private static final List<String> IMAGE_DIRS = List.of("/opt/ncbridge", "/etc/ncbridge", "/var/lib/ncbridge",
            "/var/log/ncbridge");

    @TempDir
    Path root;

    private String mapped(String word) {
        for (String dir : IMAGE_DIRS) {
            int at = word.indexOf(dir);
            if (at >= 0) {
                return word.substring(0, at) + root + word.substring(at);
            }
        }
        return word;
    }

    @Test
    void theImageLayoutStartsWithTheDockerfilesCommandAndServesReceivesAndDrains() throws Exception {
        Dockerfile dockerfile = Dockerfile.read(Repo.file("deploy/container/Dockerfile"));
        for (String dir : IMAGE_DIRS) {
            Files.createDirectories(Path.of(mapped(dir)));
        }
        Files.createDirectories(Path.of(mapped("/opt/ncbridge/plugins")));
        Files.copy(BridgeProcess.jar(), Path.of(mapped(dockerfile.jarPath())));

        int udpPort = BridgeProcess.freeUdpPort();
        int httpPort = BridgeProcess.freeTcpPort();
        String shipped = Files.readString(Repo.file("deploy/container/ncbridge.yaml"));
        String config = shipped
                .replace("listen: [\"0.0.0.0:6666\", \"[::]:6666\"]", "listen: [\"127.0.0.1:" + udpPort + "\"]")
                .replace("http: {listen: \"0.0.0.0:9666\"}", "http: {listen: \"127.0.0.1:" + httpPort + "\"}");
        assertThat(config).as("the container config, ports moved").contains(":" + udpPort, ":" + httpPort)
                .doesNotContain("6666", "9666");
        Files.writeString(Path.of(mapped("/etc/ncbridge/ncbridge.yaml")), config);

        List<String> command = new ArrayList<>();
        for (String word : dockerfile.commandLine()) {
            command.add(mapped(word));
        }
        assertThat(command.get(0)).isEqualTo("java");
        command.set(0, BridgeProcess.java());
        assertThat(command).containsAll(dockerfile.jvmFlags().stream().map(this::mapped).toList());

        Path workdir = Path.of(mapped(dockerfile.finalStage().last("WORKDIR").args()));
        try (BridgeProcess bridge = BridgeProcess.start(command, workdir, root, httpPort)) {
            assertThat(bridge.get("/health/live").statusCode()).isEqualTo(200);
            if (System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("linux")) {
                // The native transport loaded: Netty unpacked its library where the flags point.
                assertThat(bridge.stderr()).contains("1 socket, epoll)");
            }

            try (DatagramSocket sender = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
                byte[] bytes = "6,1,100,-;hello from the image layout\n".getBytes(StandardCharsets.UTF_8);
                sender.send(new DatagramPacket(bytes, bytes.length, new InetSocketAddress("127.0.0.1", udpPort)));
            }
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                    .until(() -> bridge.records().size() == 1);
            JsonNode record = bridge.records().get(0);
            assertThat(record.path("message").asText()).isEqualTo("hello from the image layout");
            assertThat(record.at("/netconsole/format").asText()).isEqualTo("extended");

            bridge.stopGracefully(Duration.ofSeconds(45));
        }
    }

}
