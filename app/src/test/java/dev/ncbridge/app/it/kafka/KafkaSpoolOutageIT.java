package dev.ncbridge.app.it.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ncbridge.app.testing.SpoolOutage;
import dev.ncbridge.ingest.testing.RealServers;
import dev.ncbridge.sink.kafka.testing.KafkaBroker;
import dev.ncbridge.sink.kafka.testing.TopicReader;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The 60-second outage ({@link SpoolOutage}) for the Kafka sink: the broker stopped and started. */
class KafkaSpoolOutageIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    @RegisterExtension
    final RealServers servers = new RealServers();
    private KafkaBroker broker;
    private SpoolOutage outage;
    private TopicReader reader;
    /** Distinct host/seq pairs read so far: the reader returns each record once. */
    private final Set<String> seen = new HashSet<>();

    @AfterEach
    void stop() {
        if (reader != null) {
            reader.close();
        }
        if (outage != null) {
            outage.close();
        }
    }

    @Test
    void nothingIsLostOverAMinuteWithoutTheBroker() throws Exception {
        broker = servers.start(KafkaBroker::start);
        broker.createTopic("netconsole", 2);
        outage = new SpoolOutage(dir, """
                    type: kafka
                    bootstrap_servers: "%s"
                    topic: netconsole
                    delivery_timeout: 3s
                """.formatted(broker.bootstrapServers()));
        outage.run(broker::stop, broker::restart);
        reader = new TopicReader(broker, "netconsole");
        outage.assertNothingLost(this::delivered);
    }

    /** Distinct (host, seq) pairs in the topic: reads until a poll finds nothing new (a poll returns 500 at most). */
    private long delivered() throws IOException {
        List<ConsumerRecord<byte[], byte[]>> polled;
        do {
            polled = reader.poll(Duration.ofMillis(500));
            for (ConsumerRecord<byte[], byte[]> r : polled) {
                JsonNode value = JSON.readTree(r.value());
                if (value.at("/netconsole/kind").asText().equals("message")) {
                    seen.add(value.at("/host/ip").asText() + "/" + value.at("/event/sequence").asLong());
                }
            }
        } while (!polled.isEmpty());
        return seen.size();
    }
}
