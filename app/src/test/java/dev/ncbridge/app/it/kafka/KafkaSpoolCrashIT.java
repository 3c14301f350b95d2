package dev.ncbridge.app.it.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ncbridge.app.testing.BridgeProcess;
import dev.ncbridge.app.testing.SpoolCrash;
import dev.ncbridge.ingest.testing.RealServers;
import dev.ncbridge.sink.kafka.testing.KafkaBroker;
import dev.ncbridge.sink.kafka.testing.TopicReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing accepted is lost to a {@code kill -9}: with the broker down, a {@code spool} Kafka sink
 * holds 5 hosts × 400 messages on disk; the bridge is killed, the broker started, the bridge
 * started again on the same spool, and every message arrives. The bridge is a process of
 * ncbridge.jar, so the sink comes from its own jar (target/sinks/kafka.jar), as it ships.
 */
class KafkaSpoolCrashIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    @RegisterExtension
    final RealServers servers = new RealServers();
    private KafkaBroker broker;
    private SpoolCrash crash;

    @AfterEach
    void stop() {
        if (crash != null) {
            crash.close();
        }
    }

    @Test
    void everyMessageSpooledWhileTheBrokerWasDownArrivesAfterAKill() throws Exception {
        broker = servers.start(KafkaBroker::start);
        broker.createTopic("netconsole", 2);
        broker.stop();
        crash = new SpoolCrash(dir, """
                    type: kafka
                    bootstrap_servers: "%s"
                    topic: netconsole
                    delivery_timeout: 3s
                """.formatted(broker.bootstrapServers()));
        crash.spoolAndKill();

        broker.restart();
        BridgeProcess again = crash.restart();
        Map<String, List<Long>> seqsByHost = new HashMap<>();
        try (TopicReader reader = new TopicReader(broker, "netconsole")) {
            await().atMost(Duration.ofSeconds(120)).until(() -> {
                for (ConsumerRecord<byte[], byte[]> r : reader.poll(Duration.ofMillis(500))) {
                    JsonNode value = JSON.readTree(r.value());
                    if (value.at("/netconsole/kind").asText().equals("message")) {
                        seqsByHost.computeIfAbsent(value.at("/host/ip").asText(), k -> new ArrayList<>())
                                .add(value.at("/event/sequence").asLong());
                    }
                }
                return crash.allArrived(seqsByHost.values());
            });
        }
        crash.assertEveryIntactMessageArrived("kafka", seqsByHost.values());
        // The sink runs from lib/sinks/kafka.jar, whose own copy of Micrometer's Kafka binder
        // reports the producer's metrics to the registry of ncbridge.jar.
        assertThat(again.metric("kafka_producer_record_send_total", "sink=\"s\""))
                .as("the producer's metrics, bound from the sink's jar").isPositive();
        crash.stopAndCheckAccounting(again);
    }
}
