package dev.ncbridge.app.it.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ncbridge.app.run.Bridge;
import dev.ncbridge.app.testing.Meters;
import dev.ncbridge.ingest.testing.RealServers;
import dev.ncbridge.sink.kafka.testing.KafkaBroker;
import dev.ncbridge.sink.kafka.testing.TopicReader;
import io.micrometer.core.instrument.Gauge;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The broker goes away for 20 seconds while 10,000 records flow through the bridge, then comes
 * back: with {@code overflow: block} nothing is lost, and the bridge's metrics show the retries.
 */
class KafkaOutageIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int HOSTS = 5;
    private static final int PER_HOST = 2_000;
    private static final Duration OUTAGE = Duration.ofSeconds(20);
    @RegisterExtension
    final RealServers servers = new RealServers();
    private KafkaBroker broker;
    private Bridge bridge;

    @AfterEach
    void stop() {
        if (bridge != null) {
            bridge.close();
        }
    }

    @Test
    void everyDecodedRecordArrivesAfterTheBrokerComesBack() throws Exception {
        broker = servers.start(KafkaBroker::start);
        broker.createTopic("netconsole", 2);
        // A short delivery timeout hands failed sends back to the runner quickly, so the runner's
        // retry (counted in its metrics) is what carries the records over the outage.
        bridge = KafkaBridge.start("""
                listen: ["127.0.0.1:0"]
                http: {enabled: false}
                sinks:
                  kafka:
                    type: kafka
                    bootstrap_servers: "%s"
                    topic: netconsole
                    delivery_timeout: 3s
                    overflow: block
                    batch: {max_records: 500}
                    retry: {initial_backoff: 200ms, max_backoff: 2s}
                routes:
                  - to: [kafka]
                """.formatted(broker.bootstrapServers()));
        InetSocketAddress udp = bridge.udpAddresses().get(0);
        List<DatagramSocket> senders = new ArrayList<>();
        try {
            for (int h = 1; h <= HOSTS; h++) {
                senders.add(new DatagramSocket(new InetSocketAddress("127.0.0." + h, 0)));
            }
            send(senders, udp, 1, PER_HOST / 5);
            await().atMost(Duration.ofSeconds(60)).until(() -> sinkHealthy() && sent() > 0);

            long outageStart = System.nanoTime();
            broker.stop();
            send(senders, udp, PER_HOST / 5 + 1, PER_HOST);
            await().atMost(OUTAGE).until(() -> !sinkHealthy());
            long left = OUTAGE.toNanos() - (System.nanoTime() - outageStart);
            if (left > 0) {
                // The outage itself is the scenario: the broker stays away for its full length.
                TimeUnit.NANOSECONDS.sleep(left);
            }
            broker.restart();
        } finally {
            senders.forEach(DatagramSocket::close);
        }

        double decoded = Meters.count(bridge.registry(), "ncbridge.decode.messages");
        Map<String, Set<Long>> seqsByHost = new HashMap<>();
        try (TopicReader reader = new TopicReader(broker, "netconsole")) {
            await().atMost(Duration.ofSeconds(120)).until(() -> {
                for (ConsumerRecord<byte[], byte[]> r : reader.poll(Duration.ofMillis(500))) {
                    JsonNode value = JSON.readTree(r.value());
                    if (value.at("/netconsole/kind").asText().equals("message")) {
                        seqsByHost.computeIfAbsent(value.at("/host/ip").asText(), k -> new HashSet<>())
                                .add(value.at("/event/sequence").asLong());
                    }
                }
                return distinct(seqsByHost) >= decoded;
            });
        }

        assertThat(decoded).isEqualTo(HOSTS * PER_HOST);
        assertThat(distinct(seqsByHost)).isEqualTo(HOSTS * PER_HOST);
        assertThat(seqsByHost.values()).allSatisfy(seqs -> assertThat(seqs).hasSize(PER_HOST)
                .allSatisfy(seq -> assertThat(seq).isBetween(1L, (long) PER_HOST)));
        assertThat(Meters.count(bridge.registry(), "ncbridge.sink.records.retried", "sink", "kafka"))
                .isGreaterThan(0);
        assertThat(Meters.count(bridge.registry(), "ncbridge.sink.records.failed", "sink", "kafka")).isZero();
        assertThat(Meters.count(bridge.registry(), "ncbridge.sink.records.dropped", "sink", "kafka")).isZero();
        await().atMost(Duration.ofSeconds(60)).until(this::sinkHealthy);
    }

    /** Messages {@code from..to} of every host, interleaved, at about 1,000 a second. */
    private static void send(List<DatagramSocket> senders, InetSocketAddress udp, int from, int to) throws Exception {
        for (int seq = from; seq <= to; seq++) {
            for (DatagramSocket s : senders) {
                KafkaBridge.sendExtended(s, udp, seq, 6, "outage test message " + seq);
            }
            if (seq % 20 == 0) {
                TimeUnit.MILLISECONDS.sleep(100);
            }
        }
    }

    private boolean sinkHealthy() {
        Gauge g = bridge.registry().find("ncbridge.sink.healthy").tag("sink", "kafka").gauge();
        return g != null && g.value() == 1.0;
    }

    private double sent() {
        return Meters.count(bridge.registry(), "ncbridge.sink.records.sent", "sink", "kafka");
    }

    private static long distinct(Map<String, Set<Long>> seqsByHost) {
        return seqsByHost.values().stream().mapToLong(Set::size).sum();
    }
}
