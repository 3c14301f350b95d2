package dev.ncbridge.app.it.kafka;

import dev.ncbridge.app.run.Bridge;
import dev.ncbridge.config.ConfigLoader;
import dev.ncbridge.config.Substitution;
import dev.ncbridge.ingest.wire.ExtendedMessage;
import dev.ncbridge.ingest.wire.NetconsoleEncoder;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** What the Kafka end-to-end tests share: a bridge from YAML, kernel-exact datagrams. */
final class KafkaBridge {
    private KafkaBridge() {
    }

    static Bridge start(String yaml) throws Exception {
        Bridge bridge = Bridge.build(new ConfigLoader(new Substitution(k -> null)).load("kafka-it.yaml", yaml),
                OutputStream.nullOutputStream());
        bridge.start();
        return bridge;
    }

    /** Sends message {@code seq} of a host as its kernel would: one datagram, or fragments when long. */
    static void sendExtended(DatagramSocket from, InetSocketAddress to, long seq, int level, String body)
            throws IOException {
        ExtendedMessage m = ExtendedMessage.builder().facility(0).level(level).seq(seq).tsUs(1_000_000L + seq)
                .flag('-').body(body.getBytes(StandardCharsets.UTF_8)).build();
        for (byte[] datagram : NetconsoleEncoder.extended(m)) {
            from.send(new DatagramPacket(datagram, datagram.length, to));
        }
    }
}
