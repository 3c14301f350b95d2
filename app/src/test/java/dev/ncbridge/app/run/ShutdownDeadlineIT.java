package dev.ncbridge.app.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ncbridge.app.testing.BridgeProcess;
import java.io.File;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM while several decode workers wait on a stalled {@code overflow: block} sink: the bridge
 * exits 0 within the drain timeout and a few seconds, and accounts for every record of each sink
 * (accepted = sent + dropped + failed + queued + spooled), also for a spool sink stalled alike.
 */
class ShutdownDeadlineIT {
    private static final Pattern ACCOUNT = Pattern.compile("sink (\\w+): stopped; accepted (\\d+) \\+ replayed (\\d+)"
            + " = sent (\\d+) \\+ dropped (\\d+) \\+ failed (\\d+) \\+ queued (\\d+) \\+ spooled (\\d+)");

    @TempDir
    Path dir;

    @Test
    void aStalledBlockSinkDoesNotHoldTheStopPastItsDeadline() throws Exception {
        int udpPort = BridgeProcess.freeUdpPort();
        int httpPort = BridgeProcess.freeTcpPort();
        Path config = dir.resolve("ncbridge.yaml");
        Files.writeString(config, """
                listen: ["127.0.0.1:%d"]
                receive: {workers: 4}
                http: {listen: "127.0.0.1:%d"}
                shutdown: {drain_timeout: 3s}
                sinks:
                  stuck: {type: test-stuck, overflow: block, queue_size: 10}
                  spooled:
                    type: test-stuck
                    overflow: spool
                    queue_size: 10
                    spool: {dir: "%s"}
                  out: {type: stdout}
                """.formatted(udpPort, httpPort, dir.resolve("spool")));
        // The test classes hold the stalled sink (test-stuck), found as a plugin would be.
        String classpath = BridgeProcess.jar() + File.pathSeparator
                + Path.of(StuckSinkProvider.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> command = List.of(BridgeProcess.java(), "-cp", classpath, "dev.ncbridge.app.NcbridgeCommand",
                "run", "-c", config.toString());
        try (BridgeProcess bridge = BridgeProcess.start(command, dir, dir, httpPort)) {
            InetSocketAddress to = new InetSocketAddress("127.0.0.1", udpPort);
            try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
                for (int h = 1; h <= 8; h++) {
                    try (DatagramSocket host = new DatagramSocket(new InetSocketAddress("127.0.0." + h, 0))) {
                        for (int i = 1; i <= 50; i++) {
                            byte[] b = ("6," + i + ",1000,-;message " + i + "\n").getBytes(StandardCharsets.UTF_8);
                            host.send(new DatagramPacket(b, b.length, to));
                        }
                    }
                }
            }
            // The block sink's queue is full: the workers wait in offer.
            await().atMost(Duration.ofSeconds(20)).until(
                    () -> bridge.metric("ncbridge_sink_queue_size", "sink=\"stuck\"") >= 10);
            long start = System.nanoTime();
            bridge.stopGracefully(Duration.ofSeconds(3 + 5));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));

            String log = bridge.stderr();
            Matcher m = ACCOUNT.matcher(log);
            int sinks = 0;
            while (m.find()) {
                sinks++;
                long accepted = Long.parseLong(m.group(2)) + Long.parseLong(m.group(3));
                long accounted = 0;
                for (int g = 4; g <= 8; g++) {
                    accounted += Long.parseLong(m.group(g));
                }
                assertThat(accounted).as("accounting of sink %s: %s", m.group(1), m.group()).isEqualTo(accepted);
                assertThat(Long.parseLong(m.group(7))).as("queued after the stop").isZero();
                if (m.group(1).equals("spooled")) {
                    assertThat(Long.parseLong(m.group(5))).as("dropped by the spool sink").isZero();
                    assertThat(Long.parseLong(m.group(8))).as("spooled").isPositive();
                }
            }
            assertThat(sinks).as("accounting lines in%n%s", log).isEqualTo(3);
        }
    }
}
