package dev.ncbridge.app.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The container image without a container engine: the image's layout rebuilt under a temporary
 * root (its paths mapped there), and the runnable jar started with the Dockerfile's own ENTRYPOINT,
 * JVM flags, CMD, WORKDIR and configuration, only the ports moved to free loopback ones.
 */
class DeployLayoutIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
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
        Files.copy(jar(), Path.of(mapped(dockerfile.jarPath())));

        int udpPort = freeUdpPort();
        int httpPort = freeTcpPort();
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
        command.set(0, Path.of(System.getProperty("java.home"), "bin", "java").toString());
        assertThat(command).containsAll(dockerfile.jvmFlags().stream().map(this::mapped).toList());

        Path stdout = root.resolve("stdout");
        Path stderr = root.resolve("stderr");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(Path.of(mapped(dockerfile.finalStage().last("WORKDIR").args())).toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile());
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        Process process = builder.start();
        try {
            String base = "http://127.0.0.1:" + httpPort;
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .ignoreExceptions()
                    .failFast("ncbridge exited", () -> !process.isAlive())
                    .until(() -> get(base + "/health/ready").statusCode() == 200);
            assertThat(get(base + "/health/live").statusCode()).isEqualTo(200);
            if (System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
                // The native transport loaded: Netty unpacked its library where the flags point.
                assertThat(Files.readString(stderr)).contains("1 socket, epoll)");
            }

            try (DatagramSocket sender = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
                byte[] bytes = "6,1,100,-;hello from the image layout\n".getBytes(StandardCharsets.UTF_8);
                sender.send(new DatagramPacket(bytes, bytes.length, new InetSocketAddress("127.0.0.1", udpPort)));
            }
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                    .until(() -> records(stdout).size() == 1);
            JsonNode record = records(stdout).get(0);
            assertThat(record.path("message").asText()).isEqualTo("hello from the image layout");
            assertThat(record.at("/netconsole/format").asText()).isEqualTo("extended");

            process.destroy(); // SIGTERM, as docker stop and the kubelet send it
            assertThat(process.waitFor(45, TimeUnit.SECONDS)).as("exited within 45 s").isTrue();
            assertThat(process.exitValue()).as("exit code; stderr:%n%s", Files.readString(stderr)).isZero();
            assertThat(Files.readString(stderr)).contains("ncbridge stopped");
        } finally {
            if (process.isAlive()) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static HttpResponse<String> get(String uri) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static List<JsonNode> records(Path stdout) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(stdout, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                out.add(JSON.readTree(line));
            }
        }
        return out;
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            return s.getLocalPort();
        }
    }

    private static int freeTcpPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    private static Path jar() {
        String jar = System.getProperty("ncbridge.jar");
        assertThat(jar).as("system property ncbridge.jar (set by failsafe)").isNotNull();
        assertThat(Path.of(jar)).exists();
        return Path.of(jar);
    }
}
