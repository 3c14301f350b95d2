package dev.ncbridge.app.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ncbridge.app.run.Bridge;
import dev.ncbridge.config.ConfigLoader;
import dev.ncbridge.config.Substitution;
import dev.ncbridge.ingest.wire.ExtendedMessage;
import dev.ncbridge.ingest.wire.NetconsoleEncoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A 60-second outage of a {@code spool} sink named {@code s}, whatever its type, under 2,000
 * messages a second from 5 hosts (127.0.0.1-5), the bridge in this JVM: the records go to disk,
 * and once the destination is back every message arrives, none dropped or failed; or, with a
 * spool too small for the outage, every message either arrives or is counted as dropped.
 */
public final class SpoolOutage implements AutoCloseable {
    private static final int HOSTS = 5;
    private static final int RATE = 2_000;
    private static final long TICK_NANOS = TimeUnit.SECONDS.toNanos(1) * HOSTS / RATE;
    /** Messages per host before the outage, through it (60 s), and after it. */
    private static final long BEFORE = 10L * RATE / HOSTS;
    private static final long OUTAGE = 60L * RATE / HOSTS;
    private static final long AFTER = 5L * RATE / HOSTS;
    private static final long TOTAL = HOSTS * (BEFORE + OUTAGE + AFTER);
    /**
     * How long the destination may take to take the spooled minute back: it sends as fast as the
     * destination accepts, which on a machine busy with other work was 96,573 of the 150,000
     * records two minutes after an Elasticsearch restart (the rest came later, none lost). So the
     * bridge's own count says when everything is sent, with a bound that only a stuck replay
     * reaches, and only then is the destination asked.
     */
    private static final Duration REPLAY = Duration.ofMinutes(6);

    /** Stops or restarts the sink's destination. */
    public interface Action {
        void run() throws Exception;
    }

    private final Bridge bridge;

    /**
     * @param sinkKeys the sink's own keys (type, address...), one per line, indented for the sink
     */
    public SpoolOutage(Path dir, String sinkKeys) {
        this(dir, sinkKeys, "max_size: 256MiB");
    }

    /**
     * @param spoolLimits the spool's {@code max_size} and {@code when_full}, as flow-style YAML pairs
     */
    public SpoolOutage(Path dir, String sinkKeys, String spoolLimits) {
        bridge = Bridge.build(new ConfigLoader(new Substitution(k -> null)).load("outage.yaml", """
                listen: ["127.0.0.1:0"]
                http: {enabled: false}
                sinks:
                  s:
                %s
                    overflow: spool
                    spool: {dir: "%s", %s}
                    retry: {initial_backoff: 200ms, max_backoff: 2s}
                routes:
                  - to: [s]
                """.formatted(sinkKeys.stripTrailing(), dir.resolve("spool"), spoolLimits)),
                new ByteArrayOutputStream());
    }

    /**
     * Starts the bridge and the messages, stops the destination after 10 s for 60 s, and returns
     * once the last message is sent (5 s after the destination is back) and all are decoded.
     */
    public void run(Action stopDestination, Action restartDestination) throws Exception {
        bridge.start();
        AtomicLong sentPerHost = new AtomicLong();
        Thread sender = new Thread(() -> send(bridge.udpAddresses().get(0), sentPerHost), "sender");
        sender.start();
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> sentPerHost.get() >= BEFORE);
            stopDestination.run();
            await().atMost(Duration.ofSeconds(120)).until(() -> sentPerHost.get() >= BEFORE + OUTAGE);
            assertThat(Meters.gauge(bridge.registry(), "ncbridge.sink.spool.records")).as("spooled during the outage")
                    .isPositive();
            restartDestination.run();
            sender.join(TimeUnit.SECONDS.toMillis(60));
        } finally {
            sender.interrupt();
        }
        // The decode workers may still hold the last tick's messages when the sender is done.
        await().atMost(Duration.ofSeconds(30)).until(() -> Meters.count(bridge.registry(), "ncbridge.decode.messages"),
                decoded -> decoded == TOTAL);
    }

    /**
     * Waits until the bridge has sent every message and emptied the spool, checks that nothing
     * was dropped or failed, then that the destination holds every message, as counted by
     * {@code delivered} (distinct host and seq pairs; a destination just back may answer with
     * errors for a while).
     */
    public void assertNothingLost(Callable<Long> delivered) {
        await().atMost(REPLAY).until(() -> Meters.count(bridge.registry(), "ncbridge.sink.records.sent") >= TOTAL
                && Meters.gauge(bridge.registry(), "ncbridge.sink.spool.records") == 0);
        assertThat(Meters.count(bridge.registry(), "ncbridge.sink.records.dropped")).isZero();
        assertThat(Meters.count(bridge.registry(), "ncbridge.sink.records.failed")).isZero();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).ignoreExceptions()
                .until(delivered, n -> n == TOTAL);
    }

    /**
     * For a spool too small for the outage: waits until the spool is empty, then checks that some
     * messages were dropped, all for {@code reason}, none failed, and that {@code delivered} (distinct
     * host and seq pairs at the destination) and the dropped add up to every message sent.
     */
    public void assertEveryMessageDeliveredOrCountedDropped(Callable<Long> delivered, String reason) {
        await().atMost(REPLAY)
                .until(() -> Meters.gauge(bridge.registry(), "ncbridge.sink.spool.records") == 0
                        && Meters.gauge(bridge.registry(), "ncbridge.sink.queue.size") == 0);
        long dropped = (long) Meters.count(bridge.registry(), "ncbridge.sink.records.dropped");
        assertThat(dropped).as("dropped").isPositive()
                .isEqualTo((long) Meters.count(bridge.registry(), "ncbridge.sink.records.dropped", "reason", reason));
        assertThat(Meters.count(bridge.registry(), "ncbridge.sink.records.failed")).isZero();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).ignoreExceptions()
                .until(delivered, n -> n == TOTAL - dropped);
        System.out.printf("spool full: %d of %d messages dropped (%s), %d delivered%n", dropped, TOTAL, reason,
                TOTAL - dropped);
    }

    /** One message from each host every tick, on a fixed schedule, so the rate holds through the outage. */
    private static void send(InetSocketAddress udp, AtomicLong sentPerHost) {
        DatagramSocket[] hosts = new DatagramSocket[HOSTS];
        try {
            for (int h = 0; h < HOSTS; h++) {
                hosts[h] = new DatagramSocket(new InetSocketAddress("127.0.0." + (h + 1), 0));
            }
            long start = System.nanoTime();
            for (long seq = 1; seq <= BEFORE + OUTAGE + AFTER && !Thread.currentThread().isInterrupted(); seq++) {
                LockSupport.parkNanos(start + seq * TICK_NANOS - System.nanoTime());
                for (DatagramSocket s : hosts) {
                    ExtendedMessage m = ExtendedMessage.builder().facility(0).level(6).seq(seq).tsUs(1_000_000L + seq)
                            .flag('-').body(("outage message " + seq).getBytes(StandardCharsets.UTF_8)).build();
                    for (byte[] datagram : NetconsoleEncoder.extended(m)) {
                        s.send(new DatagramPacket(datagram, datagram.length, udp));
                    }
                }
                sentPerHost.set(seq);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (DatagramSocket s : hosts) {
                if (s != null) {
                    s.close();
                }
            }
        }
    }

    @Override
    public void close() {
        bridge.close();
    }
}
