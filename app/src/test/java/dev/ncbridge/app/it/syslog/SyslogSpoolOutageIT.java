package dev.ncbridge.app.it.syslog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ncbridge.app.run.Bridge;
import dev.ncbridge.app.testing.Meters;
import dev.ncbridge.config.ConfigLoader;
import dev.ncbridge.config.Substitution;
import dev.ncbridge.ingest.wire.ExtendedMessage;
import dev.ncbridge.ingest.wire.NetconsoleEncoder;
import dev.ncbridge.sink.syslog.testing.Received;
import dev.ncbridge.sink.syslog.testing.Rsyslog;
import dev.ncbridge.sink.syslog.testing.Rsyslog.Listener;
import java.io.ByteArrayOutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 60-second rsyslog outage under 2,000 messages a second with {@code overflow: spool}: the
 * records go to disk, and once rsyslog is back every message arrives.
 */
class SyslogSpoolOutageIT {
    private static final Pattern SEQ = Pattern.compile("\\bseq=\"(\\d+)\"");
    private static final int HOSTS = 5;
    private static final int RATE = 2_000;
    private static final long TICK_NANOS = TimeUnit.SECONDS.toNanos(1) * HOSTS / RATE;
    /** Messages per host before the outage, through it (60 s), and after it. */
    private static final long BEFORE = 10L * RATE / HOSTS;
    private static final long OUTAGE = 60L * RATE / HOSTS;
    private static final long AFTER = 5L * RATE / HOSTS;

    @TempDir
    Path dir;
    private Rsyslog rsyslog;
    private Bridge bridge;

    @AfterEach
    void stop() {
        if (bridge != null) {
            bridge.close();
        }
        if (rsyslog != null) {
            rsyslog.close();
        }
    }

    @Test
    void nothingIsLostOverAMinuteWithoutRsyslog() throws Exception {
        rsyslog = Rsyslog.start();
        bridge = Bridge.build(new ConfigLoader(new Substitution(k -> null)).load("outage.yaml", """
                listen: ["127.0.0.1:0"]
                http: {enabled: false}
                sinks:
                  relay:
                    type: syslog
                    address: "127.0.0.1:%d"
                    transport: tcp
                    format: rfc5424
                    overflow: spool
                    spool: {dir: "%s", max_size: 256MiB}
                    retry: {initial_backoff: 200ms, max_backoff: 2s}
                routes:
                  - to: [relay]
                """.formatted(rsyslog.port(Listener.TCP), dir.resolve("spool"))), new ByteArrayOutputStream());
        bridge.start();
        AtomicLong sentPerHost = new AtomicLong();
        Thread sender = new Thread(() -> send(bridge.udpAddresses().get(0), sentPerHost), "sender");
        sender.start();
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> sentPerHost.get() >= BEFORE);
            rsyslog.stop();
            await().atMost(Duration.ofSeconds(120)).until(() -> sentPerHost.get() >= BEFORE + OUTAGE);
            assertThat(Meters.gauge(bridge.registry(), "ncbridge.sink.spool.records")).as("spooled during the outage")
                    .isPositive();
            rsyslog.restart();
            sender.join(TimeUnit.SECONDS.toMillis(60));
        } finally {
            sender.interrupt();
        }

        long total = HOSTS * (BEFORE + OUTAGE + AFTER);
        assertThat(Meters.count(bridge.registry(), "ncbridge.decode.messages")).as("decoded").isEqualTo(total);
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(2))
                .until(() -> delivered() == total);
        assertThat(Meters.count(bridge.registry(), "ncbridge.sink.records.dropped")).isZero();
        assertThat(Meters.count(bridge.registry(), "ncbridge.sink.records.failed")).isZero();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Meters.gauge(bridge.registry(), "ncbridge.sink.spool.records") == 0);
    }

    /** Distinct (host, seq) pairs rsyslog received. */
    private long delivered() {
        Set<String> seen = new HashSet<>();
        for (Received r : rsyslog.received(Listener.TCP)) {
            Matcher m = SEQ.matcher(r.structuredData());
            if (m.find()) {
                seen.add(r.hostname() + "/" + m.group(1));
            }
        }
        return seen.size();
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
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            for (DatagramSocket s : hosts) {
                if (s != null) {
                    s.close();
                }
            }
        }
    }
}
