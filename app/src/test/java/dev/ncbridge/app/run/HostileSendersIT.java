package dev.ncbridge.app.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ncbridge.app.testing.BridgeProcess;
import java.io.BufferedReader;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bridge as a process with a 128 MiB heap (and {@code ExitOnOutOfMemoryError}), attacked the
 * ways issue 13 lists while 20 well-behaved hosts send numbered messages: 60,000 sources (half of
 * them one address varying its port), a continuation flood, huge and overlapping fragments, seq
 * jumps to 2^63-1, random datagrams up to 65,507 bytes, and a 60 KB message against a route regex
 * that backtracks exponentially on java.util.regex. Every good message must arrive exactly once,
 * the process must live, no counter may go negative, and {@code /health/live} must answer within
 * a second throughout.
 *
 * <p>The floods are flow-controlled: after every {@value #CHECKPOINT_DATAGRAMS} datagrams (or
 * {@value #CHECKPOINT_BYTES} bytes, or half the socket's buffer where that is less: a stock
 * {@code net.core.rmem_max} holds 208 KiB) the sender waits until the bridge has read everything
 * sent so far and its rings and sink queue have (nearly) drained. This test is about memory,
 * threads and counts, not capacity: an unchecked flood on a busy machine would lose good
 * datagrams in the kernel's socket buffer, or in rings backed up behind a slow standard output,
 * before the bridge could route them.
 */
class HostileSendersIT {
    private static final int GOOD_HOSTS = 20;
    private static final int CHECKPOINT_DATAGRAMS = 1_000;
    private static final long CHECKPOINT_BYTES = 1L << 20;

    @TempDir
    Path dir;

    private final Random random = new Random(13);
    private long floodSent;
    private int sinceCheckpoint;
    private long bytesSinceCheckpoint;
    private long checkpointBytes;
    private BridgeProcess bridge;
    private GoodHosts good;

    @Test
    void noSenderCanTakeTheBridgeDown() throws Exception {
        int udpPort = BridgeProcess.freeUdpPort();
        int httpPort = BridgeProcess.freeTcpPort();
        Path config = dir.resolve("ncbridge.yaml");
        Files.writeString(config, "listen: [\"127.0.0.1:" + udpPort + "\"]\n"
                + "receive: {workers: 2}\n"
                + "sinks:\n  out: {type: stdout, format: json}\n"
                + "routes:\n"
                + "  - match: {message: \"^(a|aa)+$\"}\n    to: out\n"
                + "  - to: out\n"
                + "http: {listen: \"127.0.0.1:" + httpPort + "\"}\n"
                + "shutdown: {drain_timeout: 10s}\n");
        Path gcLog = dir.resolve("gc.log");
        List<String> command = List.of(BridgeProcess.java(), "-Xmx128m", "-XX:+ExitOnOutOfMemoryError",
                "-Xlog:gc:file=" + gcLog, "-jar", BridgeProcess.jar().toString(), "run", "-c", config.toString());
        InetSocketAddress bridgeAddress = new InetSocketAddress("127.0.0.1", udpPort);
        long rcvbufErrorsBefore = rcvbufErrors();
        long startedNanos = System.nanoTime();
        try (BridgeProcess bridge = BridgeProcess.start(command, dir, dir, httpPort)) {
            Phases phases = new Phases(startedNanos, bridge);
            LivenessProbe probe = new LivenessProbe(bridge);
            probe.start();
            this.bridge = bridge;
            checkpointBytes = Math.min(CHECKPOINT_BYTES, (long) bridge.metric("ncbridge_receive_socket_buffer_bytes") / 2);
            good = new GoodHosts(bridgeAddress);
            good.start();

            phases.measure("(a) 60,000 sources", () -> floodSources(bridgeAddress));
            phases.measure("(b) continuation flood", () -> floodContinuations(bridgeAddress));
            phases.measure("(c) fragments", () -> floodFragments(bridgeAddress));
            phases.measure("(d) seq jumps", () -> floodSeqJumps(bridgeAddress));
            phases.measure("(e) random bytes", () -> floodRandomBytes(bridgeAddress));
            phases.measure("(f) 60 KB against ^(a|aa)+$", () -> sendBacktrackingBait(bridgeAddress));

            good.finish();
            assertThat(good.failure.get()).as("good hosts sent everything").isNull();
            int expected = good.rounds.get() * GOOD_HOSTS;
            assertThat(good.rounds.get()).as("good hosts sent all through the floods").isGreaterThan(10);
            try {
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                        .until(() -> goodMessages(dir.resolve("stdout")).size() == expected);
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                throw new AssertionError(goodMessages(dir.resolve("stdout")).size() + " of "
                        + expected + " good messages arrived; " + (floodSent + good.sent.get())
                        + " datagrams were sent, and the bridge's socket holds " + unreadBytes(udpPort)
                        + " bytes unread; the host's UDP sockets dropped " + (rcvbufErrors() - rcvbufErrorsBefore)
                        + " for a full buffer meanwhile, on these sockets: " + socketsWithDrops()
                        + "; where the rest went:\n"
                        + whereThingsWent(bridge.get("/metrics").body()) + "stderr:\n" + bridge.stderr(), e);
            }
            probe.finish();

            Map<String, Integer> seen = goodMessages(dir.resolve("stdout"));
            assertThat(seen.values()).as("each good message exactly once").allMatch(n -> n == 1);
            assertThat(probe.failures).as("/health/live answered within a second every time").isEmpty();
            assertThat(probe.answers.get()).isPositive();
            String metrics = bridge.get("/metrics").body();
            assertThat(negativeSamples(metrics)).as("no ncbridge counter or gauge below zero").isEmpty();
            assertThat(bridge.metric("ncbridge_decode_limited_total", "reason=\"address_limit\"")).isPositive();
            assertThat(bridge.metric("ncbridge_decode_limited_total", "reason=\"continuation_size\"")).isPositive();
            assertThat(bridge.metric("ncbridge_decode_limited_total", "reason=\"seq_jump\"")).isPositive();
            assertThat(bridge.metric("ncbridge_datagrams_dropped_total", "reason=\"truncated\"")).isPositive();
            assertThat(bridge.metric("ncbridge_decode_lost_messages_total")).isLessThan(1_000_000L * 1000);
            assertThat(bridge.metric("ncbridge_internal_errors_total", "where=\"decode\""))
                    .as("errors the decode workers survived; stderr:%n%s", bridge.stderr()).isZero();
            assertThat(bridge.get("/health/ready").statusCode()).isEqualTo(200);
            bridge.stopGracefully(Duration.ofSeconds(30));
            phases.report(Files.readAllLines(gcLog));
        }
    }

    /** A flood, as the test runs it. */
    private interface Flood {
        void send() throws IOException;
    }

    /**
     * Runs each flood and prints the heap the bridge used meanwhile, from its GC log: the most
     * in use before any collection during the flood (the peak, garbage included), and what a full
     * collection ({@code jcmd GC.run}) at its end left (what the flood left live).
     */
    private final class Phases {
        private final long startedNanos;
        private final BridgeProcess bridge;
        private final List<String> names = new ArrayList<>();
        private final List<double[]> spans = new ArrayList<>();

        Phases(long startedNanos, BridgeProcess bridge) {
            this.startedNanos = startedNanos;
            this.bridge = bridge;
        }

        void measure(String name, Flood flood) throws IOException, InterruptedException {
            double from = seconds();
            flood.send();
            checkpoint();
            bridge.collectGarbage();
            names.add(name);
            spans.add(new double[] {from, seconds()});
        }

        private double seconds() {
            return (System.nanoTime() - startedNanos) / 1e9;
        }

        /** Prints each flood's peak and live heap; uptime in the log approximates the test's clock. */
        void report(List<String> gcLog) {
            java.util.regex.Pattern gc = java.util.regex.Pattern.compile("^\\[([0-9.]+)s].* (\\d+)M->(\\d+)M\\((\\d+)M\\)");
            for (int i = 0; i < names.size(); i++) {
                int peak = 0;
                int live = -1;
                for (String line : gcLog) {
                    java.util.regex.Matcher m = gc.matcher(line);
                    if (!m.find()) {
                        continue;
                    }
                    double at = Double.parseDouble(m.group(1));
                    if (at >= spans.get(i)[0] && at <= spans.get(i)[1] + 1) {
                        peak = Math.max(peak, Integer.parseInt(m.group(2)));
                        if (line.contains("Pause Full")) {
                            live = Integer.parseInt(m.group(3));
                        }
                    }
                }
                System.out.printf("heap during %-32s peak %4d MiB, live after it %4d MiB%n", names.get(i), peak, live);
            }
        }
    }

    // ---- the floods --------------------------------------------------------------------------

    /** (a) 60,000 sources: 30,000 ports of one address, and 30,000 addresses of one datagram each. */
    private void floodSources(InetSocketAddress bridge) throws IOException {
        InetAddress one = InetAddress.getByName("127.0.3.1");
        for (int i = 0; i < 30_000; i++) {
            sendFrom(new InetSocketAddress(one, 20_000 + i), bridge, "6,1,100,-;one address, port " + i + "\n");
        }
        for (int i = 0; i < 30_000; i++) {
            InetAddress a = InetAddress.getByAddress(new byte[] {127, 4, (byte) (i / 250), (byte) (1 + i % 250)});
            sendFrom(new InetSocketAddress(a, 6665), bridge, "6,1,100,-;address " + i + "\n");
        }
    }

    /** (b) One {@code c} record and 5,000 {@code +} pieces of 8 KB. */
    private void floodContinuations(InetSocketAddress bridge) throws IOException {
        String piece = "p".repeat(8 * 1024);
        try (DatagramChannel ch = channel(new InetSocketAddress("127.0.5.1", 0))) {
            send(ch, bridge, "6,1,100,c;start of an endless line");
            for (int i = 2; i <= 5_001; i++) {
                send(ch, bridge, "6," + i + "," + i * 10 + ",+;" + piece);
            }
        }
    }

    /** (c) Fragment totals at the limit from 2,000 sources, and overlapping fragments. */
    private void floodFragments(InetSocketAddress bridge) throws IOException {
        for (int i = 0; i < 2_000; i++) {
            InetAddress a = InetAddress.getByAddress(new byte[] {127, 6, (byte) (i / 250), (byte) (1 + i % 250)});
            sendFrom(new InetSocketAddress(a, 6665), bridge, "6,1,100,-,ncfrag=0/65536;x");
        }
        try (DatagramChannel ch = channel(new InetSocketAddress("127.0.6.250", 0))) {
            for (int seq = 1; seq <= 500; seq++) {
                send(ch, bridge, "6," + seq + ",100,-,ncfrag=0/100;abcdef");
                send(ch, bridge, "6," + seq + ",100,-,ncfrag=2/100;zzzzzz");
            }
        }
    }

    /** (d) Seq jumps to 2^63-1 and back, from 100 sources. */
    private void floodSeqJumps(InetSocketAddress bridge) throws IOException {
        for (int i = 0; i < 100; i++) {
            try (DatagramChannel ch = channel(new InetSocketAddress("127.0.7." + (1 + i), 6665))) {
                send(ch, bridge, "6,1,100,-;before\n");
                send(ch, bridge, "6," + Long.MAX_VALUE + ",200,-;forged\n");
                send(ch, bridge, "6,2,300,-;after\n");
                send(ch, bridge, "6,3,400,-;a\n msgid=1\n");
                send(ch, bridge, "6,4,500,-;b\n msgid=999999999999999999\n");
            }
        }
    }

    /** (e) Random bytes, 1 to 65,507 of them. */
    private void floodRandomBytes(InetSocketAddress bridge) throws IOException {
        try (DatagramChannel ch = channel(new InetSocketAddress("127.0.8.1", 0))) {
            for (int i = 0; i < 1_000; i++) {
                byte[] b = new byte[1 + random.nextInt(i % 10 == 0 ? 65_507 : 2_000)];
                random.nextBytes(b);
                send(ch, bridge, b);
            }
        }
    }

    /** (f) A 60 KB legacy line that makes {@code ^(a|aa)+$} backtrack exponentially on java.util.regex. */
    private void sendBacktrackingBait(InetSocketAddress bridge) throws IOException {
        try (DatagramChannel ch = channel(new InetSocketAddress("127.0.9.1", 0))) {
            for (int i = 0; i < 60; i++) {
                send(ch, bridge, "a".repeat(1000));
            }
            send(ch, bridge, "b\n");
        }
    }

    private void sendFrom(InetSocketAddress from, InetSocketAddress to, String payload) throws IOException {
        try (DatagramChannel ch = channel(from)) {
            send(ch, to, payload);
        } catch (java.net.BindException e) {
            // Another socket holds that port on every address: one source fewer, no matter.
        }
    }

    private static DatagramChannel channel(InetSocketAddress bindTo) throws IOException {
        return DatagramChannel.open().bind(bindTo);
    }

    private void send(DatagramChannel ch, InetSocketAddress to, String payload) throws IOException {
        send(ch, to, payload.getBytes(StandardCharsets.UTF_8));
    }

    private void send(DatagramChannel ch, InetSocketAddress to, byte[] datagram) throws IOException {
        ch.send(ByteBuffer.wrap(datagram), to);
        floodSent++;
        sinceCheckpoint++;
        // What a datagram takes of the socket buffer is more than its bytes (the kernel's skb).
        bytesSinceCheckpoint += datagram.length + 1024;
        if (sinceCheckpoint >= CHECKPOINT_DATAGRAMS || bytesSinceCheckpoint >= checkpointBytes) {
            checkpoint();
        }
    }

    /** Waits until the bridge has read every datagram sent so far, flood and good alike, and caught up with it. */
    private void checkpoint() {
        long sent = floodSent + good.sent.get();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).ignoreExceptions()
                .until(() -> bridge.metric("ncbridge_datagrams_received_total") >= sent
                        && bridge.metric("ncbridge_ring_occupancy") == 0
                        && bridge.metric("ncbridge_sink_queue_size", "sink=\"out\"") <= 100);
        sinceCheckpoint = 0;
        bytesSinceCheckpoint = 0;
    }

    // ---- the good hosts and the probe ---------------------------------------------------------

    /** 20 hosts, each from its own address, sending numbered messages, 50 rounds a second, until the floods end. */
    private static final class GoodHosts extends Thread {
        private final InetSocketAddress bridge;
        private final AtomicBoolean running = new AtomicBoolean(true);
        final java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
        final java.util.concurrent.atomic.AtomicInteger rounds = new java.util.concurrent.atomic.AtomicInteger();
        final AtomicLong sent = new AtomicLong();

        GoodHosts(InetSocketAddress bridge) {
            super("good-hosts");
            this.bridge = bridge;
        }

        @Override
        public void run() {
            List<DatagramChannel> hosts = new ArrayList<>();
            try {
                for (int h = 1; h <= GOOD_HOSTS; h++) {
                    hosts.add(channel(new InetSocketAddress("127.0.2." + h, 6665)));
                }
                long start = System.nanoTime();
                for (int seq = 1; running.get(); seq++) {
                    for (int h = 1; h <= GOOD_HOSTS; h++) {
                        String text = "6," + seq + "," + seq * 1000L + ",-;good 127.0.2." + h + " " + seq + "\n";
                        hosts.get(h - 1).send(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), bridge);
                        sent.incrementAndGet();
                    }
                    rounds.incrementAndGet();
                    LockSupport.parkNanos(Math.max(0, start + seq * 20_000_000L - System.nanoTime()));
                }
            } catch (Throwable t) {
                failure.set(t);
            } finally {
                for (DatagramChannel ch : hosts) {
                    try {
                        ch.close();
                    } catch (IOException ignored) {
                        // closing a socket that sent everything
                    }
                }
            }
        }

        void finish() throws InterruptedException {
            running.set(false);
            join();
        }
    }

    /** Asks {@code /health/live} every 200 ms with a one-second timeout and notes every miss. */
    private static final class LivenessProbe extends Thread {
        private final BridgeProcess bridge;
        private final AtomicBoolean running = new AtomicBoolean(true);
        final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        final AtomicLong answers = new AtomicLong();

        LivenessProbe(BridgeProcess bridge) {
            super("liveness-probe");
            this.bridge = bridge;
        }

        @Override
        public void run() {
            while (running.get()) {
                long start = System.nanoTime();
                try {
                    HttpResponse<String> r = bridge.get("/health/live");
                    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                    if (r.statusCode() != 200 || ms > 1000) {
                        failures.add("status " + r.statusCode() + " after " + ms + " ms");
                    } else {
                        answers.incrementAndGet();
                    }
                } catch (IOException | InterruptedException e) {
                    failures.add(e.toString());
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
            }
        }

        void finish() throws InterruptedException {
            running.set(false);
            join();
        }
    }

    // ---- reading the results -------------------------------------------------------------------

    /** How often each good message ("host seq") appears in the bridge's output so far. */
    private static Map<String, Integer> goodMessages(Path stdout) throws IOException {
        Map<String, Integer> seen = new HashMap<>();
        try (BufferedReader in = Files.newBufferedReader(stdout, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                int at = line.indexOf("\"message\":\"good ");
                if (at >= 0) {
                    int from = at + "\"message\":\"good ".length();
                    seen.merge(line.substring(from, line.indexOf('"', from)), 1, Integer::sum);
                }
            }
        }
        return seen;
    }

    /** The rx_queue column of /proc/net/udp for the port: what the kernel holds for the bridge to read. */
    private static long unreadBytes(int port) throws IOException {
        String local = String.format(":%04X", port);
        return udpSockets().filter(f -> f[1].endsWith(local)).mapToLong(f -> Long.parseLong(f[4].split(":")[1], 16)).sum();
    }

    /** Local address (hex, as /proc writes it) and drops of every IPv4 UDP socket that dropped any. */
    private static List<String> socketsWithDrops() throws IOException {
        return udpSockets().filter(f -> !f[f.length - 1].equals("0")).map(f -> f[1] + " " + f[f.length - 1]).toList();
    }

    private static java.util.stream.Stream<String[]> udpSockets() throws IOException {
        return Files.readAllLines(Path.of("/proc/net/udp")).stream().skip(1).map(l -> l.trim().split("\\s+"));
    }

    /** The host's (network namespace's) count of datagrams dropped for a full receive buffer. */
    private static long rcvbufErrors() throws IOException {
        List<String> udp = Files.readAllLines(Path.of("/proc/net/snmp")).stream().filter(l -> l.startsWith("Udp: ")).toList();
        int column = List.of(udp.get(0).split(" ")).indexOf("RcvbufErrors");
        return Long.parseLong(udp.get(1).split(" ")[column]);
    }

    private static String whereThingsWent(String metrics) {
        StringBuilder out = new StringBuilder();
        metrics.lines().filter(l -> !l.startsWith("#"))
                .filter(l -> l.matches("ncbridge_(datagrams|kernel|decode_limited|decode_malformed|internal|sink_records|"
                        + "memory_used|decode_messages|decode_datagrams|decode_lost|ring_occupancy|sink_queue).*"))
                .forEach(l -> out.append(l).append('\n'));
        return out.toString();
    }

    private static List<String> negativeSamples(String metrics) {
        // The bridge's own series; the JVM's report -1 for "no limit" (jvm_memory_max_bytes).
        return metrics.lines().filter(l -> l.startsWith("ncbridge_"))
                .filter(l -> l.substring(l.lastIndexOf(' ') + 1).startsWith("-")).toList();
    }
}
