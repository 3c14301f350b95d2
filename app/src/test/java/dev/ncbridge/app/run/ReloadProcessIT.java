package dev.ncbridge.app.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ncbridge.app.testing.BridgeProcess;
import dev.ncbridge.app.testing.Repo;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real process, started with the JVM options every form of ncbridge ships with
 * (deploy/jvm.options): SIGHUP reloads and does not stop it, and {@code --watch-config} follows a
 * Kubernetes ConfigMap volume's {@code ..data} symlink swap.
 */
class ReloadProcessIT {
    @TempDir
    Path dir;

    private static String config(int udpPort, int httpPort, Path archive) {
        return "listen: [\"127.0.0.1:" + udpPort + "\"]\n"
                + "receive: {threads: 1, workers: 1}\n"
                + "http: {listen: \"127.0.0.1:" + httpPort + "\"}\n"
                + "shutdown: {drain_timeout: 5s}\n"
                + "sinks:\n"
                + "  out: {type: stdout}\n"
                + (archive == null ? "" : "  archive: {type: file, path: \"" + archive + "\", format: text}\n");
    }

    /**
     * As a service manager starts it: with SIGHUP's default disposition, whatever this test's own
     * process has. A JVM started with SIGHUP ignored (a CI run under nohup) cannot handle it, which
     * {@link #aBridgeStartedWithSighupIgnoredSaysItCannotReloadOnIt} covers.
     */
    private static List<String> command(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("env", "--default-signal=HUP"));
        command.addAll(jvm(args));
        return command;
    }

    private static List<String> jvm(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(BridgeProcess.java());
        Files.readAllLines(Repo.file("deploy/jvm.options")).stream().map(l -> l.replaceAll("#.*", "").trim())
                .filter(l -> !l.isEmpty()).forEach(command::add);
        command.addAll(List.of("-jar", BridgeProcess.jar().toString(), "run"));
        command.addAll(List.of(args));
        return command;
    }

    @Test
    void sighupReloadsAndAnInvalidFileKeepsTheRunningConfiguration() throws Exception {
        int udpPort = BridgeProcess.freeUdpPort();
        int httpPort = BridgeProcess.freeTcpPort();
        Path config = dir.resolve("ncbridge.yaml");
        Path archive = dir.resolve("archive.log");
        Files.writeString(config, config(udpPort, httpPort, null));
        try (BridgeProcess bridge = BridgeProcess.start(command("-c", config.toString()), dir, dir, httpPort)) {
            Files.writeString(config, config(udpPort, httpPort, archive));
            bridge.signal("HUP");
            await().atMost(Duration.ofSeconds(30)).until(() -> bridge.metric("ncbridge_config_reloads_total",
                    "result=\"applied\"") == 1);
            assertThat(bridge.isAlive()).as("SIGHUP reloads, it does not stop").isTrue();
            assertThat(bridge.stderr()).contains("reload applied from " + config + ": sinks.archive: added");

            send(udpPort, "6,1,1000,-;after the reload\n");
            await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(archive)
                    && Files.readString(archive).contains("after the reload"));
            await().atMost(Duration.ofSeconds(20)).until(() -> bridge.records().size() == 1);

            Files.writeString(config, config(udpPort, httpPort, archive).replace("type: stdout", "type: stdot"));
            bridge.signal("HUP");
            await().atMost(Duration.ofSeconds(30)).until(() -> bridge.metric("ncbridge_config_reloads_total",
                    "result=\"rejected\"") == 1);
            assertThat(bridge.stderr()).contains(config + ":6: sinks.out.type: unknown sink type \"stdot\"")
                    .contains("reload rejected: the configuration has 1 problem; the running one stays");
            assertThat(bridge.metric("ncbridge_config_last_reload_successful")).isZero();

            send(udpPort, "6,2,2000,-;after the rejected reload\n");
            await().atMost(Duration.ofSeconds(20)).until(() -> bridge.records().size() == 2
                    && Files.readString(archive).contains("after the rejected reload"));
            bridge.stopGracefully(Duration.ofSeconds(30));
        }
    }

    @Test
    void aBridgeStartedWithSighupIgnoredSaysItCannotReloadOnIt() throws Exception {
        int udpPort = BridgeProcess.freeUdpPort();
        int httpPort = BridgeProcess.freeTcpPort();
        Path config = dir.resolve("ncbridge.yaml");
        Files.writeString(config, config(udpPort, httpPort, null));
        List<String> ignoring = new ArrayList<>(List.of("env", "--ignore-signal=HUP"));
        ignoring.addAll(jvm("-c", config.toString()));
        try (BridgeProcess bridge = BridgeProcess.start(ignoring, dir, dir, httpPort)) {
            assertThat(bridge.stderr()).contains("SIGHUP was ignored when this process started (nohup?)")
                    .contains("POST /api/v1/reload");
            bridge.signal("HUP"); // ignored: the stop below still ends with 0, not the 129 of a SIGHUP death
            bridge.stopGracefully(Duration.ofSeconds(30));
        }
    }

    /**
     * A ConfigMap volume as the kubelet lays it out: the file is a symlink through {@code ..data},
     * itself a symlink to a timestamped directory; an update writes a new directory and renames a
     * new {@code ..data} over the old one, so that the file changes at once, never half-written.
     */
    @Test
    void watchConfigFollowsAConfigMapUpdate() throws Exception {
        int udpPort = BridgeProcess.freeUdpPort();
        int httpPort = BridgeProcess.freeTcpPort();
        Path volume = Files.createDirectories(dir.resolve("config"));
        Path archive = dir.resolve("archive.log");
        Files.writeString(Files.createDirectories(volume.resolve("..2026_12_02_01")).resolve("ncbridge.yaml"),
                config(udpPort, httpPort, null));
        Files.createSymbolicLink(volume.resolve("..data"), Path.of("..2026_12_02_01"));
        Path config = Files.createSymbolicLink(volume.resolve("ncbridge.yaml"), Path.of("..data/ncbridge.yaml"));
        try (BridgeProcess bridge = BridgeProcess.start(command("-c", config.toString(), "--watch-config"), dir, dir,
                httpPort)) {
            Files.writeString(Files.createDirectories(volume.resolve("..2026_12_02_02")).resolve("ncbridge.yaml"),
                    config(udpPort, httpPort, archive));
            Path swap = Files.createSymbolicLink(volume.resolve("..data_tmp"), Path.of("..2026_12_02_02"));
            Files.move(swap, volume.resolve("..data"), StandardCopyOption.ATOMIC_MOVE);

            await().atMost(Duration.ofSeconds(30)).until(() -> bridge.metric("ncbridge_config_reloads_total",
                    "result=\"applied\"") == 1);
            send(udpPort, "6,1,1000,-;after the update\n");
            await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(archive)
                    && Files.readString(archive).contains("after the update"));
            assertThat(bridge.metric("ncbridge_config_reloads_total")).as("one reload per change").isEqualTo(1);
            bridge.stopGracefully(Duration.ofSeconds(30));
        }
    }

    private static void send(int port, String payload) throws IOException {
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            s.send(new DatagramPacket(bytes, bytes.length, new InetSocketAddress("127.0.0.1", port)));
        }
    }
}
