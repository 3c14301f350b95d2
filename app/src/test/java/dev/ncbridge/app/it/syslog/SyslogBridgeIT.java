package dev.ncbridge.app.it.syslog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ncbridge.app.run.Bridge;
import dev.ncbridge.config.ConfigLoader;
import dev.ncbridge.config.NcbridgeConfig;
import dev.ncbridge.config.Substitution;
import dev.ncbridge.ingest.wire.ExtendedMessage;
import dev.ncbridge.ingest.wire.NetconsoleEncoder;
import dev.ncbridge.ingest.testing.RealServers;
import dev.ncbridge.sink.syslog.testing.Received;
import dev.ncbridge.sink.syslog.testing.Rsyslog;
import dev.ncbridge.sink.syslog.testing.Rsyslog.Listener;
import java.io.ByteArrayOutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Netconsole datagrams into the bridge, syslog out to a real rsyslog: RFC 5424 over TCP and
 * RFC 3164 over UDP from one configuration, with the source's configured name as HOSTNAME.
 */
class SyslogBridgeIT {
    @TempDir
    Path dir;
    @RegisterExtension
    final RealServers servers = new RealServers();
    private Rsyslog rsyslog;
    private Bridge bridge;

    @AfterEach
    void stop() {
        if (bridge != null) {
            bridge.close();
        }
    }

    @Test
    void kernelMessagesReachRsyslogAsSyslogMessages() throws Exception {
        rsyslog = servers.start(Rsyslog::start);
        Path names = Files.writeString(dir.resolve("hosts"), "127.0.0.1 node-7\n");
        String yaml = "listen: [\"127.0.0.1:0\"]\n"
                + "http: {listen: \"127.0.0.1:0\"}\n"
                + "sources: {names: \"" + names + "\"}\n"
                + "sinks:\n"
                + "  relay: {type: syslog, address: \"127.0.0.1:" + rsyslog.port(Listener.TCP) + "\","
                + " transport: tcp, format: rfc5424}\n"
                + "  legacy: {type: syslog, address: \"127.0.0.1:" + rsyslog.port(Listener.UDP) + "\","
                + " transport: udp, format: rfc3164, facility: local3}\n"
                + "routes:\n  - to: [relay, legacy]\n";
        NcbridgeConfig config = new ConfigLoader(new Substitution(k -> null)).load("t.yaml", yaml);
        bridge = Bridge.build(config, new ByteArrayOutputStream());
        bridge.start();
        InetSocketAddress udp = bridge.udpAddresses().get(0);
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            for (int seq = 1; seq <= 3; seq++) {
                ExtendedMessage m = ExtendedMessage.builder().facility(0).level(3).seq(seq).tsUs(1_000_000L * seq)
                        .flag('-').body(("sda: I/O error ✓ #" + seq).getBytes(StandardCharsets.UTF_8))
                        .addUserdata("rack", "r]1\"x\\").cpu(2).taskname("kworker/2:1").msgid((long) seq).build();
                for (byte[] datagram : NetconsoleEncoder.extended(m)) {
                    socket.send(new DatagramPacket(datagram, datagram.length, udp));
                }
            }
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> rsyslog.received(Listener.TCP).size() >= 3
                && rsyslog.received(Listener.UDP).size() >= 3);
        List<Received> tcp = rsyslog.received(Listener.TCP);
        assertThat(tcp).hasSize(3);
        for (int i = 0; i < 3; i++) {
            Received r = tcp.get(i);
            int seq = i + 1;
            assertThat(r.pri()).isEqualTo(3);
            assertThat(r.hostname()).isEqualTo("node-7");
            assertThat(r.appName()).isEqualTo("kernel");
            assertThat(r.msgid()).isEqualTo("extended");
            assertThat(r.structuredData()).isEqualTo("[netconsole@32473 seq=\"" + seq + "\" kernel_ts_us=\""
                    + 1_000_000L * seq + "\" msgid=\"" + seq + "\" cpu=\"2\" taskname=\"kworker/2:1\""
                    + " ud.rack=\"r\\]1\\\"x\\\\\"]");
            assertThat(r.msg()).isEqualTo("sda: I/O error ✓ #" + seq);
        }
        List<Received> bsd = rsyslog.received(Listener.UDP);
        assertThat(bsd).extracting(Received::pri).containsOnly(19 * 8 + 3);
        assertThat(bsd).extracting(Received::hostname).containsOnly("node-7");
        assertThat(bsd).extracting(Received::msg)
                .containsExactlyInAnyOrder(" sda: I/O error ✓ #1", " sda: I/O error ✓ #2", " sda: I/O error ✓ #3");
    }
}
