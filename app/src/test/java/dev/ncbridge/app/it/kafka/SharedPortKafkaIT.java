package dev.ncbridge.app.it.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ncbridge.app.run.Bridge;
import dev.ncbridge.app.testing.Meters;
import dev.ncbridge.ingest.testing.RealServers;
import dev.ncbridge.sink.kafka.testing.KafkaBroker;
import dev.ncbridge.sink.kafka.testing.TopicReader;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two bridges sharing one UDP port ({@code receive.share_port: true}) into one Kafka topic keyed
 * by host, as instances behind a source-hashing balancer would be: the kernel spreads the 50
 * senders over the two, and every message arrives once, each host's in order in its partition.
 */
class SharedPortKafkaIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int HOSTS = 50;
    private static final int PER_HOST = 40;
    private static final String CONFIG = """
            listen: ["127.0.0.1:%d"]
            http: {enabled: false}
            receive: {workers: 1, share_port: true}
            sinks:
              kafka: {type: kafka, bootstrap_servers: "%s", topic: netconsole}
            routes:
              - to: [kafka]
            """;
    @RegisterExtension
    final RealServers servers = new RealServers();
    private KafkaBroker broker;
    private final List<Bridge> bridges = new ArrayList<>();

    @BeforeEach
    void startBroker() {
        broker = servers.start(KafkaBroker::start);
        broker.createTopic("netconsole", 4);
    }

    @AfterEach
    void stop() {
        bridges.forEach(Bridge::close);
    }

    @Test
    void twoInstancesOnOnePortDeliverEveryHostOnceAndInOrder() throws Exception {
        bridges.add(KafkaBridge.start(CONFIG.formatted(0, broker.bootstrapServers())));
        int port = bridges.get(0).udpAddresses().get(0).getPort();
        bridges.add(KafkaBridge.start(CONFIG.formatted(port, broker.bootstrapServers())));
        InetSocketAddress udp = new InetSocketAddress("127.0.0.1", port);

        List<DatagramSocket> hosts = new ArrayList<>();
        try {
            for (int h = 1; h <= HOSTS; h++) {
                hosts.add(new DatagramSocket(new InetSocketAddress("127.0.10." + h, 0)));
            }
            for (int seq = 1; seq <= PER_HOST; seq++) {
                for (DatagramSocket host : hosts) {
                    KafkaBridge.sendExtended(host, udp, seq, 6, "message " + seq);
                }
            }
        } finally {
            hosts.forEach(DatagramSocket::close);
        }

        List<ConsumerRecord<byte[], byte[]>> got = new ArrayList<>();
        try (TopicReader reader = new TopicReader(broker, "netconsole")) {
            await().atMost(Duration.ofSeconds(120)).until(() -> {
                got.addAll(reader.poll(Duration.ofMillis(200)));
                return got.size() >= HOSTS * PER_HOST;
            });
        }
        Map<String, List<Long>> seqsByHost = new HashMap<>();
        Map<String, Set<Integer>> partitionsByHost = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : got) {
            String host = new String(r.key(), StandardCharsets.UTF_8);
            seqsByHost.computeIfAbsent(host, k -> new ArrayList<>()).add(JSON.readTree(r.value()).at("/event/sequence").asLong());
            partitionsByHost.computeIfAbsent(host, k -> new HashSet<>()).add(r.partition());
        }
        List<Long> inOrder = LongStream.rangeClosed(1, PER_HOST).boxed().toList();
        assertThat(got).hasSize(HOSTS * PER_HOST);
        assertThat(seqsByHost).hasSize(HOSTS);
        assertThat(seqsByHost.values()).allSatisfy(seqs -> assertThat(seqs).isEqualTo(inOrder));
        assertThat(partitionsByHost.values()).allSatisfy(p -> assertThat(p).hasSize(1));
        // The kernel spread the senders: both instances carried some of them (all 50 hashing to one
        // socket has a chance of 2^-49).
        for (Bridge bridge : bridges) {
            assertThat(Meters.count(bridge.registry(), "ncbridge.sink.records.sent", "sink", "kafka")).isPositive();
        }
    }
}
