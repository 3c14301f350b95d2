package dev.ncbridge.bench.load;

import dev.ncbridge.app.run.Bridge;
import dev.ncbridge.config.ConfigLoader;
import dev.ncbridge.config.Substitution;
import dev.ncbridge.sink.kafka.testing.KafkaBroker;
import dev.ncbridge.sink.kafka.testing.TopicReader;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * End-to-end load into Kafka: the {@link LoadHarness}'s sources send to a bridge running in this
 * process, whose Kafka sink produces to a single-node broker started by the test harness (a child
 * JVM on the same machine). Prints records per second into Kafka (acknowledged with acks=all),
 * the latency from UDP receive to the broker's append for every record, and the producer's
 * compression ratio.
 *
 * <p>Latency needs no hook in the sink: the topic uses {@code LogAppendTime}, so each record's
 * Kafka timestamp is when the broker appended it, and its JSON {@code @timestamp} is when the
 * bridge received it; both clocks are this machine's.
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.ncbridge.bench.load.KafkaLoad SOURCES DATAGRAMS [PER_SECOND] [COMPRESSION] [PARTITIONS]</pre>
 */
public final class KafkaLoad {
    private static final String TOPIC = "load";

    private KafkaLoad() {
    }

    public static void main(String[] args) throws Exception {
        int sources = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int datagrams = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        int perSecond = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        String compression = args.length > 3 ? args[3] : "zstd";
        int partitions = args.length > 4 ? Integer.parseInt(args[4]) : 4;
        try (KafkaBroker broker = KafkaBroker.start()) {
            try (var admin = broker.admin()) {
                admin.createTopics(java.util.List.of(new NewTopic(TOPIC, partitions, (short) 1)
                        .configs(Map.of("message.timestamp.type", "LogAppendTime")))).all().get();
            }
            run(broker, sources, datagrams, perSecond, compression);
        }
    }

    private static void run(KafkaBroker broker, int sources, int datagrams, int perSecond, String compression)
            throws Exception {
        String yaml = """
                listen: ["127.0.0.1:0"]
                receive: {socket_buffer: 64MiB, ring_size: 262144}
                http: {enabled: false}
                sinks:
                  kafka:
                    type: kafka
                    bootstrap_servers: "%s"
                    topic: %s
                    compression: %s
                    queue_size: 200000
                    overflow: block
                    batch: {max_records: 4096, linger: 5ms}
                routes:
                  - to: [kafka]
                """.formatted(broker.bootstrapServers(), TOPIC, compression);
        Bridge bridge = Bridge.build(new ConfigLoader(new Substitution(k -> null)).load("kafka load", yaml),
                OutputStream.nullOutputStream());
        bridge.start();
        MeterRegistry r = bridge.registry();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpuBefore = LoadHarness.bridgeCpuNanos(threads);
        long start = System.nanoTime();
        // Each source has its own address, so keys, and partitions, differ as in a fleet.
        long sent = LoadHarness.send(bridge.udpAddresses().get(0), sources, datagrams, perSecond);
        long sendNanos = System.nanoTime() - start;
        long end = awaitQuiet(r);
        long cpu = LoadHarness.bridgeCpuNanos(threads) - cpuBefore;
        double compressionRate = gauge(r, "kafka.producer.compression.rate.avg");
        double delivered = sinkCount(r, "ncbridge.sink.records.sent");
        double received = LoadHarness.count(r, "ncbridge.datagrams.received");
        bridge.close();
        long[][] latencies = latenciesMillis(broker, (int) delivered);
        double seconds = (end - start) / 1e9;
        System.out.printf("sources %d, compression %s, datagrams sent %d in %.2f s (%.0f/s)%n", sources, compression,
                sent, sendNanos / 1e9, sent / (sendNanos / 1e9));
        System.out.printf("received %.0f, acknowledged by Kafka %.0f in %.2f s: %.0f records/s%n", received, delivered,
                seconds, delivered / seconds);
        printLatency("all", latencies[0]);
        printLatency("after the first 2 s", latencies[1]);
        System.out.printf("producer compression rate (compressed/uncompressed): %.3f%n", compressionRate);
        System.out.printf("bridge CPU (broker excluded): %.2f s = %.0f%% of one core over the run%n", cpu / 1e9,
                100.0 * cpu / (end - start));
    }

    /** Waits until the sink's acknowledged count has not moved for two seconds; returns when it last moved. */
    private static long awaitQuiet(MeterRegistry r) throws InterruptedException {
        double last = -1;
        long lastChange = System.nanoTime();
        while (System.nanoTime() - lastChange < 2_000_000_000L) {
            Thread.sleep(10);
            double now = sinkCount(r, "ncbridge.sink.records.sent");
            if (now != last) {
                last = now;
                lastChange = System.nanoTime();
            }
        }
        return lastChange;
    }

    /**
     * Reads every record back; returns, sorted, broker append time minus bridge receive time, for all
     * records ({@code [0]}) and for those received after the first two seconds ({@code [1]}), which
     * leaves out the warm-up (JIT, first connections) of bridge and broker.
     */
    private static long[][] latenciesMillis(KafkaBroker broker, int expected) {
        long[] received = new long[expected];
        long[] latency = new long[expected];
        int n = 0;
        try (TopicReader reader = new TopicReader(broker, TOPIC)) {
            int emptyPolls = 0;
            while (n < expected && emptyPolls < 10) {
                var batch = reader.poll(Duration.ofMillis(500));
                emptyPolls = batch.isEmpty() ? emptyPolls + 1 : 0;
                for (ConsumerRecord<byte[], byte[]> rec : batch) {
                    if (n < expected) {
                        received[n] = receivedMillis(rec.value());
                        latency[n] = rec.timestamp() - received[n];
                        n++;
                    }
                }
            }
        }
        long first = Arrays.stream(received, 0, n).min().orElse(0);
        long[] all = Arrays.copyOf(latency, n);
        long[] steady = java.util.stream.IntStream.range(0, n).filter(i -> received[i] >= first + 2000)
                .mapToLong(i -> latency[i]).toArray();
        Arrays.sort(all);
        Arrays.sort(steady);
        return new long[][] {all, steady};
    }

    private static void printLatency(String what, long[] sorted) {
        int n = sorted.length;
        if (n > 0) {
            System.out.printf("latency UDP receive -> broker append, %s (%d records): p50 %d ms, p99 %d ms, max %d ms%n",
                    what, n, sorted[n / 2], sorted[(int) (n * 0.99)], sorted[n - 1]);
        }
    }

    /** The record's {@code @timestamp}, the first field of the json encoding. */
    private static long receivedMillis(byte[] json) {
        String head = new String(json, 0, Math.min(json.length, 64), StandardCharsets.US_ASCII);
        int open = head.indexOf(':') + 2;
        return Instant.parse(head.substring(open, head.indexOf('"', open))).toEpochMilli();
    }

    private static double sinkCount(MeterRegistry r, String name) {
        var c = r.find(name).tag("sink", "kafka").counter();
        return c == null ? 0 : c.count();
    }

    private static double gauge(MeterRegistry r, String name) {
        Gauge g = r.find(name).tag("sink", "kafka").gauge();
        if (g != null) {
            return g.value();
        }
        FunctionCounter fc = r.find(name).tag("sink", "kafka").functionCounter();
        return fc == null ? Double.NaN : fc.count();
    }
}
