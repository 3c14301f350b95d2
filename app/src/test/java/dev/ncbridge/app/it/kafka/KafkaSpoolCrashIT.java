package dev.ncbridge.app.it.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ncbridge.app.testing.BridgeProcess;
import dev.ncbridge.sink.kafka.testing.KafkaBroker;
import dev.ncbridge.sink.kafka.testing.RequiredKafka;
import dev.ncbridge.sink.kafka.testing.TopicReader;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing accepted is lost to a {@code kill -9}: with the broker down, a {@code spool} Kafka sink
 * holds 5 hosts × 400 messages on disk; the bridge is killed, the broker started, the bridge
 * started again on the same spool, and every message arrives.
 */
class KafkaSpoolCrashIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int HOSTS = 5;
    private static final int PER_HOST = 400;

    @TempDir
    Path dir;
    private KafkaBroker broker;
    private final List<BridgeProcess> bridges = new ArrayList<>();
    private int httpPort;

    @AfterEach
    void stop() {
        bridges.forEach(BridgeProcess::close);
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void everyMessageSpooledWhileTheBrokerWasDownArrivesAfterAKill() throws Exception {
        broker = RequiredKafka.start();
        broker.createTopic("netconsole", 2);
        broker.stop();
        int udpPort = BridgeProcess.freeUdpPort();
        httpPort = BridgeProcess.freeTcpPort();
        Path config = dir.resolve("ncbridge.yaml");
        Files.writeString(config, """
                listen: ["127.0.0.1:%d"]
                receive: {workers: 2}
                http: {listen: "127.0.0.1:%d"}
                sinks:
                  k:
                    type: kafka
                    bootstrap_servers: "%s"
                    topic: netconsole
                    delivery_timeout: 3s
                    overflow: spool
                    spool: {dir: "%s", max_size: 64MiB, sync: batch}
                    batch: {max_records: 200}
                    retry: {initial_backoff: 200ms, max_backoff: 1s}
                """.formatted(udpPort, httpPort, broker.bootstrapServers(), dir.resolve("spool")));
        List<String> command = List.of(BridgeProcess.java(), "-jar", BridgeProcess.jar().toString(), "run", "-c",
                config.toString());

        Path first = Files.createDirectories(dir.resolve("first"));
        BridgeProcess bridge = started(command, first, "/health/live");
        send(new InetSocketAddress("127.0.0.1", udpPort));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> bridge.metric("ncbridge_sink_spool_records", "sink=\"k\"") == HOSTS * PER_HOST);
        assertThat(bridge.metric("ncbridge_decode_messages_total")).isEqualTo(HOSTS * PER_HOST);
        assertThat(bridge.get("/health/ready").body()).contains("\"spooling\"");
        bridge.kill();

        broker.restart();
        BridgeProcess again = started(command, Files.createDirectories(dir.resolve("second")), "/health/ready");
        Map<String, List<Long>> seqsByHost = new HashMap<>();
        try (TopicReader reader = new TopicReader(broker, "netconsole")) {
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<byte[], byte[]> r : reader.poll(Duration.ofMillis(500))) {
                    JsonNode value = JSON.readTree(r.value());
                    if (value.get("kind").asText().equals("message")) {
                        seqsByHost.computeIfAbsent(value.at("/host/ip").asText(), k -> new ArrayList<>())
                                .add(value.at("/netconsole/seq").asLong());
                    }
                }
                return seqsByHost.values().stream().mapToLong(s -> new TreeSet<>(s).size()).sum()
                        >= HOSTS * PER_HOST;
            });
        }
        List<Long> all = LongStream.rangeClosed(1, PER_HOST).boxed().toList();
        assertThat(seqsByHost).hasSize(HOSTS);
        assertThat(seqsByHost.values()).allSatisfy(seqs -> assertThat(new TreeSet<>(seqs)).containsExactlyElementsOf(all));
        long duplicates = seqsByHost.values().stream().mapToLong(s -> s.size() - new TreeSet<>(s).size()).sum();
        // Nothing was acknowledged before the kill, so nothing is sent twice; at most one batch could be.
        assertThat(duplicates).isLessThanOrEqualTo(200);
        assertThat(again.metric("ncbridge_sink_spool_replayed_total", "sink=\"k\"")).isEqualTo(HOSTS * PER_HOST);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> again.metric("ncbridge_sink_spool_records", "sink=\"k\"") == 0);
        again.stopGracefully(Duration.ofSeconds(45));
        assertThat(again.stderr()).containsPattern(
                "sink k: stopped; accepted 0 \\+ replayed 2000 = sent 2000 \\+ dropped 0 \\+ failed 0 \\+ queued 0"
                        + " \\+ spooled 0");
    }

    private BridgeProcess started(List<String> command, Path out, String health) throws Exception {
        BridgeProcess b = BridgeProcess.start(command, dir, out, httpPort, health);
        bridges.add(b);
        return b;
    }

    /** 400 numbered messages from each of 5 hosts, interleaved, at about 1,000 a second. */
    private static void send(InetSocketAddress udp) throws Exception {
        List<DatagramSocket> senders = new ArrayList<>();
        try {
            for (int h = 1; h <= HOSTS; h++) {
                senders.add(new DatagramSocket(new InetSocketAddress("127.0.0." + h, 0)));
            }
            for (int seq = 1; seq <= PER_HOST; seq++) {
                for (DatagramSocket s : senders) {
                    KafkaBridge.sendExtended(s, udp, seq, 6, "spooled message " + seq);
                }
                if (seq % 20 == 0) {
                    TimeUnit.MILLISECONDS.sleep(100);
                }
            }
        } finally {
            senders.forEach(DatagramSocket::close);
        }
    }
}
