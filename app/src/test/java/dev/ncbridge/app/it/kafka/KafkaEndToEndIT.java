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
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Netconsole datagrams into the bridge's UDP port, out of a real Kafka topic. */
class KafkaEndToEndIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] HOSTS = {"127.0.0.1", "127.0.0.2", "127.0.0.3"};
    private static final int PER_HOST = 200;
    @RegisterExtension
    final RealServers servers = new RealServers();
    private KafkaBroker broker;
    private Bridge bridge;

    @BeforeEach
    void startBroker() {
        broker = servers.start(KafkaBroker::start);
        broker.createTopic("netconsole", 3);
    }

    @AfterEach
    void stop() {
        if (bridge != null) {
            bridge.close();
        }
    }

    @Test
    void datagramsArriveInKafkaKeyedByHostWithHeadersJsonAndPerHostOrder(@TempDir Path dir) throws Exception {
        Path names = Files.writeString(dir.resolve("hosts"), "127.0.0.1 web-1\n127.0.0.2 web-2\n127.0.0.3 db-1\n");
        bridge = KafkaBridge.start("""
                listen: ["127.0.0.1:0"]
                http: {enabled: false}
                receive: {workers: 2}
                sources: {names: "%s"}
                sinks:
                  kafka: {type: kafka, bootstrap_servers: "%s", topic: netconsole, batch: {max_records: 100}}
                routes:
                  - to: [kafka]
                """.formatted(names, broker.bootstrapServers()));
        InetSocketAddress udp = bridge.udpAddresses().get(0);
        String longBody = "long line ".repeat(150);
        List<DatagramSocket> senders = new ArrayList<>();
        try {
            for (String host : HOSTS) {
                senders.add(new DatagramSocket(new InetSocketAddress(host, 0)));
            }
            for (int seq = 1; seq <= PER_HOST; seq++) {
                for (DatagramSocket s : senders) {
                    // Every 50th message is longer than a datagram, so it arrives in fragments.
                    String body = seq % 50 == 0 ? longBody + seq : "message " + seq;
                    KafkaBridge.sendExtended(s, udp, seq, seq % 8, body);
                }
            }
        } finally {
            senders.forEach(DatagramSocket::close);
        }

        List<ConsumerRecord<byte[], byte[]>> got = new ArrayList<>();
        try (TopicReader reader = new TopicReader(broker, "netconsole")) {
            await().atMost(Duration.ofSeconds(120)).until(() -> {
                got.addAll(reader.poll(Duration.ofMillis(200)));
                return messages(got).size() >= HOSTS.length * PER_HOST;
            });
        }

        List<ConsumerRecord<byte[], byte[]>> messages = messages(got);
        assertThat(messages.size()).isEqualTo(HOSTS.length * PER_HOST);
        Map<String, List<Long>> seqsByKey = new TreeMap<>();
        Map<String, Set<Integer>> partitionsByKey = new HashMap<>();
        Map<String, String> nameByKey = Map.of("127.0.0.1", "web-1", "127.0.0.2", "web-2", "127.0.0.3", "db-1");
        for (ConsumerRecord<byte[], byte[]> r : messages) {
            String key = new String(r.key(), StandardCharsets.UTF_8);
            JsonNode value = JSON.readTree(r.value());
            long seq = value.at("/event/sequence").asLong();
            assertThat(value.at("/host/ip").asText()).isEqualTo(key);
            assertThat(value.at("/host/name").asText()).isEqualTo(nameByKey.get(key));
            assertThat(value.get("message").asText()).isEqualTo(seq % 50 == 0 ? longBody + seq : "message " + seq);
            assertThat(value.at("/netconsole/fragments").asInt()).isEqualTo(seq % 50 == 0 ? 2 : 1);
            assertThat(header(r, "host")).isEqualTo(nameByKey.get(key));
            assertThat(header(r, "seq")).isEqualTo(Long.toString(seq));
            assertThat(header(r, "level")).isEqualTo(value.at("/log/level").asText());
            seqsByKey.computeIfAbsent(key, k -> new ArrayList<>()).add(seq);
            partitionsByKey.computeIfAbsent(key, k -> new java.util.HashSet<>()).add(r.partition());
        }
        List<Long> inOrder = LongStream.rangeClosed(1, PER_HOST).boxed().toList();
        assertThat(seqsByKey).containsOnlyKeys(HOSTS);
        assertThat(seqsByKey.values()).allSatisfy(seqs -> assertThat(seqs).isEqualTo(inOrder));
        assertThat(partitionsByKey.values()).allSatisfy(p -> assertThat(p).hasSize(1));
        assertThat(Meters.count(bridge.registry(), "ncbridge.sink.records.sent", "sink", "kafka"))
                .isGreaterThanOrEqualTo(HOSTS.length * PER_HOST);
    }

    private static List<ConsumerRecord<byte[], byte[]>> messages(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream().filter(r -> r.value() != null
                && new String(r.value(), StandardCharsets.UTF_8).contains("\"kind\":\"message\""))
                .collect(Collectors.toList());
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
