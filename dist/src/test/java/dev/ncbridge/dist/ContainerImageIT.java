package dev.ncbridge.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ncbridge.app.testing.BridgeProcess;
import dev.ncbridge.app.testing.Repo;
import dev.ncbridge.ingest.testing.RequiredServer;
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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped Dockerfile, built unchanged with podman on Debian base images tagged with the public
 * names it uses (no registry is reachable: nothing is pulled), then run as a user would run it:
 * read-only, ports published on loopback, datagrams in, records out, SIGTERM to stop.
 */
class ContainerImageIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration COMMAND = Duration.ofMinutes(1);
    /** What the public bases provide that the Dockerfile uses: a JDK or a JRE, curl, CA certificates. */
    private static final String JDK = "openjdk-17-jdk-headless,ca-certificates-java,curl";
    private static final String JRE = "openjdk-17-jre-headless,ca-certificates-java,curl";

    @TempDir
    Path dir;
    Podman podman;
    String image;
    String container;

    @BeforeEach
    void podmanWorks() throws Exception {
        for (String tool : List.of("podman", "mmdebstrap", "runc")) {
            if (!HostCommand.onPath(tool) && !Files.isExecutable(Path.of("/usr/sbin", tool))) {
                RequiredServer.unavailable("podman", tool + " is not installed (Debian: apt-get install podman"
                        + " mmdebstrap runc)");
            }
        }
        if (!HostCommand.run(COMMAND, "id", "-u").ok().output().strip().equals("0")) {
            RequiredServer.unavailable("podman", "rootful podman and mmdebstrap need root");
        }
        podman = Podman.configuredIn(dir);
        // Installed: from here on, an engine that does not work fails the test, in CI or not.
        podman.run(COMMAND, "info").ok();
        String version = System.getProperty("ncbridge.version");
        image = "localhost/ncbridge-test:" + version;
        container = "ncbridge-test-" + ProcessHandle.current().pid();
    }

    @AfterEach
    void removeContainerAndImage() throws Exception {
        if (podman != null) {
            podman.run(COMMAND, "rm", "--force", "--time", "0", container);
            podman.run(COMMAND, "rmi", "--force", image);
        }
    }

    @Test
    void theShippedDockerfileBuildsAndTheImageRunsReadOnlyAsItsUserAndStopsOnSigterm() throws Exception {
        podman.debianBase(JDK, "docker.io/library/eclipse-temurin:17-jdk");
        podman.debianBase(JRE, "docker.io/library/eclipse-temurin:17-jre");
        String version = System.getProperty("ncbridge.version");
        // --layers=false: no intermediate images left behind (the context differs at every run anyway).
        List<String> build = new ArrayList<>(List.of("build", "--pull=never", "--layers=false", "--format", "docker",
                "--build-arg", "NCBRIDGE_VERSION=" + version));
        // The host's CA store, for the build's HTTPS through a proxy only the host trusts; not baked into
        // the image. Only a complete one (with the Java store the JDK reads): it hides the base's own.
        if (Files.isRegularFile(Path.of("/etc/ssl/certs/java/cacerts"))) {
            build.addAll(List.of("--volume", "/etc/ssl/certs:/etc/ssl/certs:ro"));
        }
        build.addAll(List.of("--file", Repo.file("deploy/container/Dockerfile").toString(), "--tag", image,
                Repo.root().toString()));
        podman.run(Duration.ofMinutes(20), build.toArray(String[]::new)).ok();

        JsonNode inspected = JSON.readTree(podman.run(COMMAND, "image", "inspect", image).ok().output()).get(0);
        JsonNode labels = inspected.at("/Config/Labels");
        assertThat(labels.path("org.opencontainers.image.title").asText()).isEqualTo("ncbridge");
        assertThat(labels.path("org.opencontainers.image.version").asText()).isEqualTo(version);
        assertThat(labels.path("org.opencontainers.image.licenses").asText()).isEqualTo("Apache-2.0");
        System.out.printf("ncbridge image %s: %d MB%n", image, inspected.path("Size").asLong() / 1_000_000);

        int udpPort = BridgeProcess.freeUdpPort();
        int httpPort = BridgeProcess.freeTcpPort();
        podman.run(COMMAND, "run", "--detach", "--name", container, "--read-only", "--no-healthcheck",
                "--publish", "127.0.0.1:" + udpPort + ":6666/udp", "--publish", "127.0.0.1:" + httpPort + ":9666/tcp",
                image).ok();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/health/ready")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode() == 200);

        assertThat(podman.run(COMMAND, "exec", container, "id", "-u").ok().output().strip()).isEqualTo("10001");
        HostCommand write = podman.run(COMMAND, "exec", container, "touch", "/opt/ncbridge/written");
        assertThat(write.exitCode()).as("writing to the root file system").isNotZero();
        assertThat(write.output()).contains("Read-only file system");
        String pid1 = podman.run(COMMAND, "exec", container, "cat", "/proc/1/cmdline").ok().output();
        assertThat(List.of(pid1.split("\0"))).as("java is PID 1, with lib/jvm.options")
                .contains("-Xmx128m", "-jar", "/opt/ncbridge/lib/ncbridge.jar")
                .first().asString().endsWith("java");
        // The archive ncbridge-cds made in the image's build is used: mapped, and no warning from the JVM
        // or from the bridge (which says when its archive goes unused).
        assertThat(List.of(pid1.split("\0"))).contains("-XX:SharedArchiveFile=/opt/ncbridge/lib/ncbridge.jsa");
        assertThat(podman.run(COMMAND, "exec", container, "cat", "/proc/1/maps").ok().output())
                .as("the class-data archive mapped by the bridge").contains("/opt/ncbridge/lib/ncbridge.jsa");
        assertThat(podman.stream(false, "logs", container)).doesNotContainIgnoringCase("[cds]")
                .doesNotContain("class-data archive");

        try (DatagramSocket sender = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            for (int i = 1; i <= 3; i++) {
                byte[] bytes = ("6," + i + ",100,-;hello from the image " + i + "\n").getBytes(StandardCharsets.UTF_8);
                sender.send(new DatagramPacket(bytes, bytes.length, new InetSocketAddress("127.0.0.1", udpPort)));
            }
        }
        List<JsonNode> records = await().atMost(Duration.ofSeconds(30)).until(this::records, r -> r.size() == 3);
        assertThat(records).extracting(r -> r.path("message").asText())
                .containsExactly("hello from the image 1", "hello from the image 2", "hello from the image 3");

        podman.run(Duration.ofSeconds(60), "stop", "--time", "45", container).ok();
        assertThat(podman.run(COMMAND, "inspect", "--format", "{{.State.ExitCode}}", container).ok().output().strip())
                .as("exit code after SIGTERM").isEqualTo("0");
        assertThat(podman.stream(false, "logs", container)).contains("ncbridge stopped");
    }

    /** The container's standard output: one JSON record a line. */
    private List<JsonNode> records() throws IOException, InterruptedException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : podman.stream(true, "logs", container).split("\n")) {
            if (!line.isBlank()) {
                out.add(JSON.readTree(line));
            }
        }
        return out;
    }
}
