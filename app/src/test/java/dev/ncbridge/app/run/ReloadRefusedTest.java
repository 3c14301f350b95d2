package dev.ncbridge.app.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ncbridge.app.http.ReloadOutcome;
import dev.ncbridge.app.testing.StdoutRecords;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reloads the bridge refuses leave it exactly as it ran. */
class ReloadRefusedTest {
    private Bridge bridge;

    @AfterEach
    void stop() {
        if (bridge != null) {
            bridge.close();
        }
    }

    private Path start(Path dir, String yaml) throws Exception {
        Path file = Files.writeString(dir.resolve("ncbridge.yaml"), yaml);
        bridge = Bridge.build(ConfigSource.load(file), new StdoutRecords()).reloadingFrom(() -> ConfigSource.load(file));
        bridge.start();
        return file;
    }

    @Test
    void aKeyOnlyARestartAppliesRefusesTheWholeReload(@TempDir Path dir) throws Exception {
        String v1 = "listen: [\"127.0.0.1:0\"]\nhttp: {enabled: false}\nreceive: {workers: 1}\nsinks:\n  out: {type: stdout}\n";
        Path file = start(dir, v1);
        Files.writeString(file, v1.replace("workers: 1", "workers: 2")
                + "  other: {type: blackhole}\n");

        ReloadOutcome outcome = bridge.reload();

        assertThat(outcome.kind()).isEqualTo(ReloadOutcome.Kind.NEEDS_RESTART);
        assertThat(outcome.error()).startsWith("receive.workers changed, which only a restart applies");
        assertThat(bridge.config().sinks()).as("the sink added beside it was not applied either").containsOnlyKeys("out");
        assertThat(bridge.registry().get("ncbridge.config.reloads").tag("result", "rejected").counter().count())
                .isEqualTo(1);
    }

    @Test
    void anAddressThatCannotBeBoundUndoesTheSinksItStarted(@TempDir Path dir) throws Exception {
        String v1 = "listen: [\"127.0.0.1:0\"]\nhttp: {enabled: false}\nsinks:\n  out: {type: stdout}\n";
        Path file = start(dir, v1);
        try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            Files.writeString(file, v1.replace("\"127.0.0.1:0\"", "\"127.0.0.1:0\", \"127.0.0.1:" + taken.getLocalPort()
                    + "\"") + "  archive: {type: file, path: \"" + dir + "/archive.log\"}\n");

            ReloadOutcome outcome = bridge.reload();

            assertThat(outcome.kind()).isEqualTo(ReloadOutcome.Kind.FAILED);
            assertThat(outcome.error()).contains("cannot listen on udp 127.0.0.1:" + taken.getLocalPort())
                    .endsWith("; the running configuration stays");
        }
        assertThat(bridge.udpAddresses()).hasSize(1);
        assertThat(bridge.config().sinks()).containsOnlyKeys("out");
        assertThat(bridge.registry().find("ncbridge.sink.queue.size").tag("sink", "archive").gauge())
                .as("the sink started for the reload is gone again").isNull();
        assertThat(bridge.registry().get("ncbridge.config.last.reload.successful").gauge().value()).isZero();

        Files.writeString(file, v1);
        assertThat(bridge.reload().changes()).as("the file as it runs changes nothing").isEmpty();
        assertThat(bridge.registry().get("ncbridge.config.last.reload.successful").gauge().value()).isEqualTo(1);
    }
}
