package dev.ncbridge.bench.load;

import dev.ncbridge.app.blast.Blaster;
import dev.ncbridge.app.run.Bridge;
import dev.ncbridge.config.ConfigLoader;
import dev.ncbridge.config.Substitution;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.util.Arrays;

/**
 * End-to-end load: N datagrams from M simulated sources (one UDP socket and loopback address each,
 * sent by {@code ncbridge blast}'s engine) into a
 * bridge running in this process, through receivers, rings, workers, router and a sink runner to
 * a counting sink. Prints datagrams per second sent, received, decoded and delivered, the loss at
 * each stage, latency from receive to delivery, and the CPU the bridge's threads used.
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.ncbridge.bench.load.LoadHarness SOURCES DATAGRAMS [WORKERS]</pre>
 */
public final class LoadHarness {
    /** One body size, about a typical kernel line: the runs compare sinks, not message sizes. */
    private static final int[] MESSAGE_SIZE = {80};

    private LoadHarness() {
    }

    public static void main(String[] args) throws Exception {
        int sources = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int datagrams = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        int workers = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        new LoadHarness().run(sources, datagrams, workers);
    }

    private void run(int sources, int datagrams, int workers) throws Exception {
        CountingSinkProvider.reset(datagrams);
        String yaml = """
                listen: ["127.0.0.1:0"]
                receive: {workers: %d, socket_buffer: 64MiB, ring_size: 262144}
                http: {enabled: false}
                sinks:
                  count: {type: load-count, queue_size: 200000, overflow: block, batch: {max_records: 4096, linger: 5ms}}
                routes:
                  - to: [count]
                """.formatted(workers);
        Bridge bridge = Bridge.build(new ConfigLoader(new Substitution(k -> null)).load("load harness", yaml),
                OutputStream.nullOutputStream());
        bridge.start();
        InetSocketAddress target = bridge.udpAddresses().get(0);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpuBefore = bridgeCpuNanos(threads);
        long start = System.nanoTime();
        long sent = send(target, sources, datagrams, 0);
        long sendEnd = System.nanoTime();
        long end = awaitQuiet();
        long cpu = bridgeCpuNanos(threads) - cpuBefore;
        MeterRegistry r = bridge.registry();
        report(sources, sent, sendEnd - start, end - start, cpu, r);
        bridge.close();
    }

    /**
     * Sends {@code messages} single-datagram messages round-robin from {@code sources} simulated
     * hosts, each on its own loopback address with its own rising seq, through {@code ncbridge
     * blast}'s engine: at most {@code perSecond} messages a second (0: as fast as one thread can).
     *
     * @return the messages sent
     */
    static long send(InetSocketAddress target, int sources, long messages, double perSecond) throws IOException {
        try (Blaster blaster = Blaster.open(target, sources, true, MESSAGE_SIZE, 0, false)) {
            return blaster.run(messages, Long.MAX_VALUE, perSecond, totals -> { }).messages();
        }
    }

    /**
     * Waits until delivery has not moved for a second (everything that will arrive has) and returns
     * when it last moved, the end of the run. Polling is fine here: this is the harness, not the bridge.
     */
    private static long awaitQuiet() throws InterruptedException {
        long last = -1;
        long lastChange = System.nanoTime();
        while (System.nanoTime() - lastChange < 1_000_000_000L) {
            Thread.sleep(10);
            long now = CountingSinkProvider.MESSAGES.sum();
            if (now != last) {
                last = now;
                lastChange = System.nanoTime();
            }
        }
        return lastChange;
    }

    /** CPU of every thread except this one (the sender): receivers, workers, sink runner, GC. */
    static long bridgeCpuNanos(ThreadMXBean threads) {
        long self = Thread.currentThread().getId();
        long total = 0;
        for (long id : threads.getAllThreadIds()) {
            if (id != self) {
                total += Math.max(0, threads.getThreadCpuTime(id));
            }
        }
        return total;
    }

    private static void report(int sources, long sent, long sendNanos, long totalNanos, long cpuNanos, MeterRegistry r) {
        double received = count(r, "ncbridge.datagrams.received");
        double decoded = count(r, "ncbridge.decode.messages");
        long delivered = CountingSinkProvider.MESSAGES.sum();
        double ringFull = r.find("ncbridge.datagrams.dropped").tag("reason", "ring_full").functionCounter() == null ? 0
                : r.find("ncbridge.datagrams.dropped").tag("reason", "ring_full").functionCounter().count();
        double seconds = sendNanos / 1e9;
        int n = Math.min(CountingSinkProvider.SAMPLED.get(), CountingSinkProvider.latencies.length);
        long[] lat = Arrays.copyOf(CountingSinkProvider.latencies, n);
        Arrays.sort(lat);
        System.out.printf("sources %d, datagrams sent %d in %.2f s (%.0f/s)%n", sources, sent, seconds, sent / seconds);
        System.out.printf("received %.0f (%.0f/s), decoded %.0f, delivered %d (%.0f/s, last at %.2f s)%n", received,
                received / seconds, decoded, delivered, delivered / (totalNanos / 1e9), totalNanos / 1e9);
        System.out.printf("lost: %d (kernel socket %.0f, ring full %.0f, after decode %.0f)%n", sent - delivered,
                sent - received, ringFull, decoded - delivered);
        if (n > 0) {
            System.out.printf("latency receive->sink: p50 %.2f ms, p99 %.2f ms, max %.2f ms%n", lat[n / 2] / 1e6,
                    lat[(int) (n * 0.99)] / 1e6, lat[n - 1] / 1e6);
        }
        System.out.printf("bridge CPU: %.2f s = %.0f%% of one core over the send time%n", cpuNanos / 1e9,
                100.0 * cpuNanos / sendNanos);
    }

    static double count(MeterRegistry r, String name) {
        FunctionCounter fc = r.find(name).functionCounter();
        if (fc != null) {
            return fc.count();
        }
        Counter c = r.find(name).counter();
        return c == null ? 0 : c.count();
    }
}
