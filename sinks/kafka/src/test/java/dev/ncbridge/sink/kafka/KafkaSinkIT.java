package dev.ncbridge.sink.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ncbridge.ingest.record.Record;
import dev.ncbridge.ingest.testing.RealServers;
import dev.ncbridge.ingest.testing.Records;
import dev.ncbridge.sink.BatchResult;
import dev.ncbridge.sink.Sink;
import dev.ncbridge.sink.encode.TextRecordEncoder;
import dev.ncbridge.sink.kafka.testing.KafkaBroker;
import dev.ncbridge.sink.kafka.testing.TopicReader;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The sink against a real single-node Kafka, read back with a real consumer. */
class KafkaSinkIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    @RegisterExtension
    static final RealServers SERVERS = new RealServers();
    private static KafkaBroker broker;
    private final MeterRegistry registry = new SimpleMeterRegistry();
    private final List<Sink> sinks = new ArrayList<>();

    @BeforeAll
    static void startBroker() {
        broker = SERVERS.start(KafkaBroker::start);
        broker.createTopic("nc", 3);
        broker.createTopic("nc-web-1", 1);
        broker.createTopic("nc-db-1", 1);
        broker.createTopic("small", 1);
        broker.createTopic("text", 1);
        broker.createTopic("metrics", 1);
    }

    @AfterEach
    void closeSinks() throws Exception {
        for (Sink s : sinks) {
            s.close();
        }
    }

    private Sink started(String keys, String format) throws Exception {
        Sink sink = Fixtures.sink("bootstrap_servers: \"" + broker.bootstrapServers() + "\", " + keys, format, registry);
        sinks.add(sink);
        sink.start();
        return sink;
    }

    private static BatchResult write(Sink sink, List<Record> batch) throws Exception {
        return sink.write(batch).toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    private static List<ConsumerRecord<byte[], byte[]>> read(String topic, int count) {
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (TopicReader reader = new TopicReader(broker, topic)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                out.addAll(reader.poll(Duration.ofMillis(200)));
                return out.size() >= count;
            });
            // Anything past the expected count would be a duplicate or a stray record.
            out.addAll(reader.poll(Duration.ofMillis(500)));
        }
        return out;
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static JsonNode json(ConsumerRecord<byte[], byte[]> r) {
        try {
            return JSON.readTree(r.value());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void recordsArriveKeyedByHostAddressWithHeadersAndJsonInPerHostOrder() throws Exception {
        Sink sink = started("topic: nc", "json");
        String[][] hosts = {{"web-1", "10.0.0.1"}, {"web-2", "10.0.0.2"}, {"db-1", "2001:db8::5"}};
        List<Record> batch = new ArrayList<>();
        for (int seq = 1; seq <= 100; seq++) {
            for (String[] h : hosts) {
                batch.add(record(h[0], h[1], seq, seq % 8, "message " + seq + " from " + h[0]));
            }
        }

        assertThat(write(sink, batch).isOk()).isTrue();

        List<ConsumerRecord<byte[], byte[]>> got = read("nc", 300);
        assertThat(got.size()).isEqualTo(300);
        Map<String, List<Long>> seqByKey = new LinkedHashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : got) {
            String key = new String(r.key(), StandardCharsets.UTF_8);
            JsonNode value = json(r);
            assertThat(value.at("/host/ip").asText()).isEqualTo(key);
            assertThat(header(r, "host")).isEqualTo(value.at("/host/name").asText());
            assertThat(header(r, "seq")).isEqualTo(value.at("/event/sequence").asText());
            assertThat(header(r, "level")).isEqualTo(value.at("/log/level").asText());
            assertThat(value.get("message").asText()).isEqualTo("message " + header(r, "seq") + " from " + header(r, "host"));
            seqByKey.computeIfAbsent(key, k -> new ArrayList<>()).add(value.at("/event/sequence").asLong());
        }
        List<Long> oneToHundred = java.util.stream.LongStream.rangeClosed(1, 100).boxed().toList();
        assertThat(seqByKey).containsOnlyKeys("10.0.0.1", "10.0.0.2", "2001:db8::5");
        // Consumed partition by partition: each host's records are all in one partition, in order.
        assertThat(seqByKey.values()).allSatisfy(seqs -> assertThat(seqs).isEqualTo(oneToHundred));
        assertThat(got.stream().filter(r -> header(r, "host").equals("db-1")).map(ConsumerRecord::partition).distinct())
                .hasSize(1);
        assertThat(got.get(0).timestamp()).isCloseTo(System.currentTimeMillis(), org.assertj.core.data.Offset.offset(60_000L));
    }

    @Test
    void aTopicTemplateSendsEachHostToItsTopic() throws Exception {
        Sink sink = started("topic: \"nc-{host}\"", "json");

        assertThat(write(sink, List.of(record("web-1", "10.0.0.1", 1, 6, "to web"),
                record("db-1", "10.0.0.3", 1, 3, "to db"))).isOk()).isTrue();

        assertThat(read("nc-web-1", 1)).singleElement().satisfies(r -> assertThat(json(r).get("message").asText())
                .isEqualTo("to web"));
        assertThat(read("nc-db-1", 1)).singleElement().satisfies(r -> assertThat(json(r).get("message").asText())
                .isEqualTo("to db"));
    }

    @Test
    void textFormatWithoutHeadersAndAFixedKey() throws Exception {
        Sink sink = started("topic: text, headers: false, key: \"{host}-{level}\"", "text");
        Record r = record("web-1", "10.0.0.1", 7, 3, "disk on fire");

        assertThat(write(sink, List.of(r)).isOk()).isTrue();

        assertThat(read("text", 1)).singleElement().satisfies(got -> {
            assertThat(new String(got.value(), StandardCharsets.UTF_8)).isEqualTo(
                    new String(new TextRecordEncoder().encode(r), StandardCharsets.UTF_8));
            assertThat(new String(got.key(), StandardCharsets.UTF_8)).isEqualTo("web-1-err");
            assertThat(got.headers().toArray()).isEmpty();
        });
    }

    @Test
    void aRecordTooLargeIsRejectedAndTheOthersDelivered() throws Exception {
        Sink sink = started("topic: small, properties: {max.request.size: \"2048\"}", "json");
        List<Record> batch = List.of(record("web-1", "10.0.0.1", 1, 6, "small one"),
                record("web-1", "10.0.0.1", 2, 6, "x".repeat(5000)),
                record("web-1", "10.0.0.1", 3, 6, "small two"));

        BatchResult result = write(sink, batch);

        assertThat(result.rejected()).isEqualTo(Map.of(1, "too_large"));
        assertThat(result.retry()).isEmpty();
        assertThat(read("small", 2)).extracting(r -> json(r).get("message").asText())
                .containsExactly("small one", "small two");
    }

    @Test
    void aMissingFixedTopicStopsTheStartNamingTheTopic() {
        Sink sink = Fixtures.sink("bootstrap_servers: \"" + broker.bootstrapServers() + "\", topic: no-such-topic",
                "json", registry);
        sinks.add(sink);

        assertThatThrownBy(sink::start).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("topic \"no-such-topic\" does not exist")
                .hasMessageContaining("auto.create.topics.enable=false");
    }

    @Test
    void healthyOnceStartedAndProducerMetricsAreExported() throws Exception {
        Sink sink = started("topic: metrics", "json");
        write(sink, List.of(record("web-1", "10.0.0.1", 1, 6, "metrics")));

        await().atMost(Duration.ofSeconds(60)).until(sink::healthy);
        assertThat(registry.find("kafka.producer.record.send.total").tag("sink", "k").functionCounter())
                .isNotNull()
                .satisfies(c -> assertThat(c.count()).isGreaterThanOrEqualTo(1));
    }

    @Test
    void anUnreachableClusterDoesNotStopTheStartAndTheBatchComesBackForRetryAfterOneWait() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        Sink sink = Fixtures.sink("bootstrap_servers: \"127.0.0.1:" + closedPort + "\", topic: nc", "json", registry);
        sinks.add(sink);
        sink.start();
        assertThat(sink.healthy()).isFalse();
        List<Record> batch = new ArrayList<>();
        for (int i = 1; i <= 50; i++) {
            batch.add(record("web-1", "10.0.0.1", i, 6, "m" + i));
        }

        long started = System.nanoTime();
        BatchResult result = write(sink, batch);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(KafkaOptions.MAX_BLOCK.multipliedBy(2));
        assertThat(result.retry()).hasSize(50);
        assertThat(result.retry().values()).containsOnly("timeout");
        assertThat(result.rejected()).isEmpty();
        assertThat(sink.healthy()).isFalse();
    }

    /** An extended record from {@code host} at {@code ip}, received now, whose raw bytes are a header and the
     * message. */
    private static Record record(String host, String ip, long seq, int level, String message) {
        return Records.extended()
                .receivedAtNanos(System.currentTimeMillis() * 1_000_000L)
                .message(message)
                .source(ip)
                .hostName(host)
                .level(level)
                .seq(seq)
                .kernelTsUs(1000 + seq)
                .raw(("6," + seq + ",1000,-;" + message).getBytes(StandardCharsets.UTF_8))
                .build();
    }
}
