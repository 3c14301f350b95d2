package dev.ncbridge.app.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ncbridge.ingest.wire.ExtendedMessage;
import dev.ncbridge.ingest.wire.NetconsoleEncoder;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The {@code kill -9} scenario for a {@code spool} sink named {@code s}, whatever its type: the
 * bridge as a process with the destination down, 5 hosts × 400 numbered messages, all of them
 * spooled, SIGKILL, then the bridge again on the same spool once the destination is back; in
 * between, optionally, the spool files damaged as a crash and a bad disk do.
 */
public final class SpoolCrash implements AutoCloseable {
    private static final int HOSTS = 5;
    private static final int PER_HOST = 400;
    /** The spool sink's batch size: at most this many records may arrive twice after a crash. */
    private static final int BATCH = 200;
    /** The frame marker each spool entry starts with (docs/sinks.md, "The format"). */
    private static final int ENTRY_MARKER = 0xA5C3E10F;

    private final Path dir;
    private final int udpPort;
    private final int httpPort;
    private final List<String> command;
    private final List<BridgeProcess> bridges = new ArrayList<>();
    /** Entries {@link #damageSpool()} destroyed: their messages are lost, and counted as corrupt. */
    private int damaged;

    /**
     * @param sinkKeys the sink's own keys (type, address...), one per line, indented for the sink
     */
    public SpoolCrash(Path dir, String sinkKeys) throws IOException {
        this.dir = dir;
        this.udpPort = BridgeProcess.freeUdpPort();
        this.httpPort = BridgeProcess.freeTcpPort();
        Path config = dir.resolve("ncbridge.yaml");
        Files.writeString(config, """
                listen: ["127.0.0.1:%d"]
                receive: {workers: 2}
                http: {listen: "127.0.0.1:%d"}
                sinks:
                  s:
                %s
                    overflow: spool
                    spool: {dir: "%s", max_size: 1MiB, sync: batch}
                    batch: {max_records: %d}
                    retry: {initial_backoff: 200ms, max_backoff: 1s}
                """.formatted(udpPort, httpPort, sinkKeys.stripTrailing(), dir.resolve("spool"), BATCH));
        this.command = List.of(BridgeProcess.java(), "-jar", BridgeProcess.jar().toString(), "run", "-c",
                config.toString());
    }

    /** Starts the bridge with the destination down, sends every message, waits until all are spooled, kills it. */
    public void spoolAndKill() throws Exception {
        BridgeProcess bridge = start("first", "/health/live");
        send(new InetSocketAddress("127.0.0.1", udpPort));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> bridge.metric("ncbridge_sink_spool_records", "sink=\"s\"") == HOSTS * PER_HOST);
        assertThat(bridge.metric("ncbridge_decode_messages_total")).isEqualTo(HOSTS * PER_HOST);
        assertThat(bridge.get("/health/ready").body()).contains("\"spooling\":[\"s\"]");
        bridge.kill();
    }

    /**
     * Damages the spool the killed bridge left: flips bytes inside one entry in the middle of the
     * second segment, and cuts the last segment inside its last entry, as a crash mid-write does.
     * The smallest {@code max_size} makes segments of 64 KiB, so the messages fill several.
     */
    public void damageSpool() throws IOException {
        List<Path> segments;
        try (Stream<Path> files = Files.list(dir.resolve("spool"))) {
            segments = files.filter(p -> p.toString().endsWith(".seg")).sorted().toList();
        }
        assertThat(segments).as("spool segments").hasSizeGreaterThanOrEqualTo(3);
        flipInsideAnEntry(segments.get(1));
        try (FileChannel last = FileChannel.open(segments.get(segments.size() - 1), StandardOpenOption.WRITE)) {
            last.truncate(last.size() - 7);
        }
        damaged = 2;
    }

    /** Flips the first bytes of the payload of the first entry that starts after the middle of {@code segment}. */
    private static void flipInsideAnEntry(Path segment) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(segment));
        int entry = bytes.limit() / 2;
        while (bytes.getInt(entry) != ENTRY_MARKER) {
            entry++;
        }
        int payload = entry + 12;
        for (int i = payload; i < payload + 4; i++) {
            bytes.put(i, (byte) ~bytes.get(i));
        }
        Files.write(segment, bytes.array());
    }

    /** Starts the bridge again on the same spool, the destination back; returns once it is ready. */
    public BridgeProcess restart() throws Exception {
        BridgeProcess bridge = start("second", "/health/ready");
        assertThat(bridge.metric("ncbridge_sink_spool_replayed_total", "sink=\"s\"")).isEqualTo(expected());
        assertThat(bridge.metric("ncbridge_sink_spool_corrupt_records_total", "sink=\"s\"")).isEqualTo(damaged);
        return bridge;
    }

    /** Whether the destination holds every intact message, given the seqs received per host. */
    public boolean allArrived(Collection<List<Long>> seqsByHost) {
        return seqsByHost.stream().mapToLong(s -> new TreeSet<>(s).size()).sum() >= expected();
    }

    /**
     * Checks that every intact message arrived, given the seqs received per host (with nothing
     * damaged: all of them), and that at most one batch arrived twice; prints how many did, the
     * figure docs/sinks.md reports.
     */
    public void assertEveryIntactMessageArrived(String sink, Collection<List<Long>> seqsByHost) {
        assertThat(seqsByHost).hasSize(HOSTS);
        assertThat(seqsByHost).allSatisfy(seqs -> assertThat(seqs).allSatisfy(seq -> assertThat(seq).isBetween(1L,
                (long) PER_HOST)));
        assertThat(seqsByHost.stream().mapToLong(s -> new TreeSet<>(s).size()).sum()).as("distinct messages")
                .isEqualTo(expected());
        long duplicates = seqsByHost.stream().mapToLong(s -> s.size() - new TreeSet<>(s).size()).sum();
        System.out.printf("%s: %d of %d messages arrived twice after kill -9 (bound: one batch, %d)%n", sink,
                duplicates, expected(), BATCH);
        assertThat(duplicates).isLessThanOrEqualTo(BATCH);
    }

    private long expected() {
        return HOSTS * PER_HOST - damaged;
    }

    /** Stops the second bridge with SIGTERM and checks its accounting line: everything replayed was sent. */
    public void stopAndCheckAccounting(BridgeProcess bridge) throws Exception {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> bridge.metric("ncbridge_sink_spool_records", "sink=\"s\"") == 0);
        bridge.stopGracefully(Duration.ofSeconds(45));
        assertThat(bridge.stderr()).contains("sink s: stopped; accepted 0 + replayed " + expected() + " = sent "
                + expected() + " + dropped 0 + failed 0 + queued 0 + spooled 0");
    }

    private BridgeProcess start(String name, String health) throws IOException {
        BridgeProcess b = BridgeProcess.start(command, dir, Files.createDirectories(dir.resolve(name)), httpPort,
                health);
        bridges.add(b);
        return b;
    }

    /** 400 numbered messages from each of 5 hosts (127.0.0.1-5), interleaved, at about 1,000 a second. */
    private static void send(InetSocketAddress udp) throws Exception {
        List<DatagramSocket> senders = new ArrayList<>();
        try {
            for (int h = 1; h <= HOSTS; h++) {
                senders.add(new DatagramSocket(new InetSocketAddress("127.0.0." + h, 0)));
            }
            for (int seq = 1; seq <= PER_HOST; seq++) {
                for (DatagramSocket s : senders) {
                    ExtendedMessage m = ExtendedMessage.builder().facility(0).level(6).seq(seq).tsUs(1_000_000L + seq)
                            .flag('-').body(("spooled message " + seq).getBytes(StandardCharsets.UTF_8)).build();
                    for (byte[] datagram : NetconsoleEncoder.extended(m)) {
                        s.send(new DatagramPacket(datagram, datagram.length, udp));
                    }
                }
                if (seq % 20 == 0) {
                    TimeUnit.MILLISECONDS.sleep(100);
                }
            }
        } finally {
            senders.forEach(DatagramSocket::close);
        }
    }

    @Override
    public void close() {
        bridges.forEach(BridgeProcess::close);
    }
}
