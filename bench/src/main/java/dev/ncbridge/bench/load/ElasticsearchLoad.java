package dev.ncbridge.bench.load;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import dev.ncbridge.app.run.Bridge;
import dev.ncbridge.config.ConfigLoader;
import dev.ncbridge.config.Substitution;
import dev.ncbridge.sink.elasticsearch.testing.ElasticsearchServer;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * Indexing throughput: N datagrams from M simulated sources into a bridge in this process, whose
 * only sink is {@code type: elasticsearch}, against the test server (a real single-node
 * Elasticsearch with a 512 MiB heap, started here). Prints the records per second the sink got
 * acknowledged, from the first datagram to the last acknowledgement, and checks the count in the
 * data stream.
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.ncbridge.bench.load.ElasticsearchLoad SOURCES DATAGRAMS
 *     [BATCH_RECORDS] [CONCURRENT_REQUESTS] [MAX_ACTIONS]</pre>
 */
public final class ElasticsearchLoad {
    private static final String DATA_STREAM = "logs-netconsole-load";

    private ElasticsearchLoad() {
    }

    public static void main(String[] args) throws Exception {
        int sources = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int datagrams = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        int batchRecords = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        int concurrent = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        int maxActions = args.length > 4 ? Integer.parseInt(args[4]) : 1000;
        try (ElasticsearchServer server = ElasticsearchServer.start()) {
            run(server, sources, datagrams, batchRecords, concurrent, maxActions);
        }
    }

    private static void run(ElasticsearchServer server, int sources, int datagrams, int batchRecords, int concurrent,
                            int maxActions) throws Exception {
        String yaml = """
                listen: ["127.0.0.1:0"]
                receive: {socket_buffer: 64MiB, ring_size: 262144}
                http: {enabled: false}
                sinks:
                  es:
                    type: elasticsearch
                    hosts: ["%s"]
                    data_stream: %s
                    queue_size: 500000
                    overflow: block
                    batch: {max_records: %d, max_bytes: 16MiB, linger: 5ms}
                    bulk: {concurrent_requests: %d, max_actions: %d}
                routes:
                  - to: [es]
                """.formatted(server.url(), DATA_STREAM, batchRecords, concurrent, maxActions);
        Bridge bridge = Bridge.build(new ConfigLoader(new Substitution(k -> null)).load("elasticsearch load", yaml),
                OutputStream.nullOutputStream());
        bridge.start();
        MeterRegistry r = bridge.registry();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpuBefore = LoadHarness.bridgeCpuNanos(threads);
        InetSocketAddress target = bridge.udpAddresses().get(0);
        long start = System.nanoTime();
        long sent = LoadHarness.send(target, sources, datagrams, 0);
        long sendEnd = System.nanoTime();
        long end = awaitSettled(r);
        long cpu = LoadHarness.bridgeCpuNanos(threads) - cpuBefore;
        double acknowledged = r.get("ncbridge.sink.records.sent").tag("sink", "es").counter().count();
        ElasticsearchClient es = server.client();
        es.indices().refresh(x -> x.index(DATA_STREAM));
        long indexed = es.count(c -> c.index(DATA_STREAM)).count();
        double seconds = (end - start) / 1e9;
        System.out.printf("sources %d, datagrams sent %d in %.2f s; batch.max_records %d, bulk.concurrent_requests %d,"
                + " bulk.max_actions %d%n", sources, sent, (sendEnd - start) / 1e9, batchRecords, concurrent, maxActions);
        System.out.printf("acknowledged by Elasticsearch: %.0f in %.2f s = %.0f records/s; documents in %s: %d%n",
                acknowledged, seconds, acknowledged / seconds, DATA_STREAM, indexed);
        System.out.printf("retried %.0f, failed %.0f, bulk requests %.0f, bridge CPU %.2f s (Elasticsearch's own not"
                        + " included)%n", sum(r, "ncbridge.sink.records.retried"), sum(r, "ncbridge.sink.records.failed"),
                sum(r, "ncbridge.elasticsearch.bulk.requests"), cpu / 1e9);
        bridge.close();
    }

    /**
     * Waits until every record the sink accepted is settled (acknowledged or failed) and nothing
     * new has arrived for two seconds, and returns when the last one settled. Polling is fine
     * here: this is the harness, not the bridge.
     */
    private static long awaitSettled(MeterRegistry r) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(15);
        double accepted = -1;
        double settled = -1;
        long acceptedAt = System.nanoTime();
        long settledAt = System.nanoTime();
        while (System.nanoTime() < deadline) {
            Thread.sleep(20);
            double a = r.get("ncbridge.sink.records.accepted").tag("sink", "es").counter().count();
            double s = r.get("ncbridge.sink.records.sent").tag("sink", "es").counter().count()
                    + sum(r, "ncbridge.sink.records.failed");
            long now = System.nanoTime();
            if (a != accepted) {
                accepted = a;
                acceptedAt = now;
            }
            if (s != settled) {
                settled = s;
                settledAt = now;
            }
            if (accepted > 0 && settled >= accepted && now - acceptedAt > 2_000_000_000L) {
                return settledAt;
            }
        }
        throw new IllegalStateException("records still unsettled after 15 minutes: " + settled + " of " + accepted);
    }

    private static double sum(MeterRegistry r, String name) {
        return r.find(name).counters().stream().mapToDouble(c -> c.count()).sum();
    }
}
