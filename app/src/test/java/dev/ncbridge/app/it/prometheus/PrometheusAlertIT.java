package dev.ncbridge.app.it.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ncbridge.app.run.Bridge;
import dev.ncbridge.app.testing.PrometheusServer;
import dev.ncbridge.app.testing.Repo;
import dev.ncbridge.config.ConfigLoader;
import dev.ncbridge.config.Substitution;
import dev.ncbridge.ingest.testing.RealServers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus scrapes a running bridge with deploy/prometheus/alerts.yaml loaded: the
 * loss alert fires when one source really loses messages, and the bridge's receive buffer, asked
 * at 512 KiB, sets off the alert for a buffer under 1 MiB (pending for its ten minutes).
 */
class PrometheusAlertIT {
    @RegisterExtension
    final RealServers servers = new RealServers();

    @Test
    void realLossAndASmallReceiveBufferSetOffTheirAlerts(@TempDir Path dir) throws Exception {
        try (Bridge bridge = Bridge.build(new ConfigLoader(new Substitution(k -> null)).load("test.yaml", """
                listen: ["127.0.0.1:0"]
                http: {listen: "127.0.0.1:0"}
                receive: {socket_buffer: 512KiB}
                sinks:
                  void: {type: blackhole}
                """), new ByteArrayOutputStream())) {
            bridge.start();
            PrometheusServer prometheus = servers.start(() -> PrometheusServer.start(dir,
                    "127.0.0.1:" + bridge.httpAddress().getPort(), Repo.file("deploy/prometheus/alerts.yaml")));
            try {
                lossFires(prometheus, bridge.udpAddresses().get(0));
                prometheus.await("NcbridgeSocketBufferCapped pending", Duration.ofSeconds(30))
                        .until(() -> "pending".equals(prometheus.alertState("NcbridgeSocketBufferCapped")));
            } catch (AssertionError | RuntimeException e) {
                System.err.println("Prometheus did not show the alert" + prometheus.tail());
                throw e;
            }
        }
    }

    private static void lossFires(PrometheusServer prometheus, InetSocketAddress udp) throws Exception {
        // A sample before the loss: increase() needs one to count from (the counter exists at 0).
        prometheus.await("the first scrape", Duration.ofSeconds(60))
                .until(() -> Double.valueOf(0).equals(prometheus.query("ncbridge_decode_lost_messages_total")));
        assertThat(prometheus.alertState("NetconsoleLoss")).isNull();

        try (DatagramSocket host = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            send(host, udp, "6,1,1000,-;first\n");
            send(host, udp, "6,10,2000,-;tenth, eight lost in between\n");
        }

        // The bridge reports the gap after its 2 s reorder window; Prometheus scrapes and evaluates each second.
        prometheus.await("NetconsoleLoss firing", Duration.ofSeconds(90))
                .until(() -> "firing".equals(prometheus.alertState("NetconsoleLoss")));
        assertThat(prometheus.query("ncbridge_decode_lost_messages_total")).isEqualTo(8.0);
        assertThat(prometheus.alertState("NcbridgeDown")).isNull();
    }

    private static void send(DatagramSocket from, InetSocketAddress to, String payload) throws IOException {
        byte[] b = payload.getBytes(StandardCharsets.UTF_8);
        from.send(new DatagramPacket(b, b.length, to));
    }
}
