package dev.ncbridge.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import dev.ncbridge.config.Cidr;
import dev.ncbridge.config.DataSize;
import dev.ncbridge.config.ReceiveSettings;
import dev.ncbridge.ingest.codec.DecodeCounter;
import dev.ncbridge.ingest.codec.DecodeCounters;
import dev.ncbridge.ingest.codec.MalformedReason;
import dev.ncbridge.ingest.codec.NetconsoleDecoder;
import dev.ncbridge.ingest.memory.MemoryBudgets;
import dev.ncbridge.ingest.receive.Datagram;
import dev.ncbridge.ingest.receive.KernelUdpDrops;
import dev.ncbridge.ingest.receive.ReceiveCounters;
import dev.ncbridge.ingest.receive.SourceFilter;
import dev.ncbridge.ingest.receive.UdpReceivers;
import dev.ncbridge.ingest.receive.WorkerPool;
import io.micrometer.core.instrument.Meter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

class IngestMetricsTest {
    private static final InetSocketAddress HOST = new InetSocketAddress("10.0.0.5", 6665);

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final ReceiveCounters receive = new ReceiveCounters();
    private final DecodeCounters decode = new DecodeCounters();
    // Never started, so its one 64-slot ring fills and refuses further datagrams.
    private final MemoryBudgets budgets = MemoryBudgets.of(1 << 20, 1 << 20, 1 << 20, 1 << 20, 1 << 20);
    private final WorkerPool pool = new WorkerPool(1, 64, budgets.ring(),
            () -> NetconsoleDecoder.withDefaults(new DecodeCounters()), r -> { });

    private void bind(KernelUdpDrops kernelDrops) {
        new IngestMetrics(receive, decode, pool, budgets, kernelDrops).bindTo(registry);
    }

    @Test
    void receiveCountsAreExposedWithTheirValues() throws Exception {
        for (int i = 0; i < 66; i++) {
            pool.offer(new Datagram(new byte[] {'x'}, HOST, 0));
        }
        receive(List.of(Cidr.parse("10.0.0.0/8")), List.of("abc", "defg", "hi"),
                () -> receive.dropped(ReceiveCounters.Drop.NOT_ALLOWED) == 3);
        // Allowed, refused by the full ring: kept, then counted dropped when the socket closes.
        receive(List.of(), List.of("jklmn"), () -> receive.pauses() == 1);
        bind(new KernelUdpDrops(Set.of()));

        assertThat(registry.scrape()).contains(
                "ncbridge_datagrams_received_total 4.0",
                "ncbridge_datagrams_bytes_total 14.0",
                "ncbridge_datagrams_dropped_total{reason=\"not_allowed\"} 3.0",
                "ncbridge_datagrams_dropped_total{reason=\"ring_full\"} 1.0",
                "ncbridge_receive_pauses_total 1.0",
                "ncbridge_ring_occupancy 64.0",
                "ncbridge_ring_capacity 64.0",
                "ncbridge_sources_tracked 0.0");
    }

    /** Sends through real receivers with that allow list, awaits {@code done}, then closes them. */
    private void receive(List<Cidr> allow, List<String> payloads, Callable<Boolean> done) throws Exception {
        ReceiveSettings settings = new ReceiveSettings(1, DataSize.parse("1MiB"), 1024, null, 1, ReceiveSettings.Transport.NIO, null);
        try (UdpReceivers receivers = new UdpReceivers(settings, new SourceFilter(allow), pool, receive);
             DatagramSocket sender = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            receivers.start(List.of(new InetSocketAddress("127.0.0.1", 0)));
            InetSocketAddress to = receivers.boundAddresses().get(0);
            for (String p : payloads) {
                byte[] b = p.getBytes(StandardCharsets.UTF_8);
                sender.send(new DatagramPacket(b, b.length, to));
            }
            await().until(done);
        }
    }

    @Test
    void everyDecodeCounterAndMalformedReasonIsAMeter() {
        NetconsoleDecoder decoder = NetconsoleDecoder.withDefaults(decode);
        for (String datagram : List.of("6,1,100,-;one", "6,2,200,-;two", "", "6,3,300,-,ncfrag=9/4;x")) {
            byte[] b = datagram.getBytes(StandardCharsets.UTF_8);
            decoder.decode(b, 0, b.length, HOST, 0, r -> { });
        }
        bind(new KernelUdpDrops(Set.of()));

        String text = registry.scrape();
        assertThat(text).contains(
                "ncbridge_decode_datagrams_total 4.0",
                "ncbridge_decode_messages_total 2.0",
                "ncbridge_decode_malformed_total{reason=\"empty\"} 1.0",
                "ncbridge_decode_malformed_total{reason=\"fragment_out_of_bounds\"} 1.0");
        for (DecodeCounter c : DecodeCounter.values()) {
            assertThat(text).contains("# HELP ncbridge_decode_" + c.metricName() + "_total " + c.description());
        }
        for (MalformedReason r : MalformedReason.values()) {
            assertThat(text).contains("ncbridge_decode_malformed_total{reason=\"" + r.label() + "\"}");
        }
    }

    @Test
    void everyMeterHasADescription() {
        bind(new KernelUdpDrops(Set.of()));

        assertThat(registry.getMeters()).isNotEmpty().allSatisfy(m -> assertThat(m.getId().getDescription())
                .as(m.getId().getName()).isNotBlank());
    }

    @Test
    void kernelDropsAppearOnlyWhereTheKernelReportsThem() throws Exception {
        assumeThat(Files.isReadable(Path.of("/proc/net/udp"))).as("Linux /proc").isTrue();
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            bind(new KernelUdpDrops(Set.of(socket.getLocalPort())));

            assertThat(registry.scrape()).contains("ncbridge_kernel_udp_drops_total 0.0");
        }
    }

    /**
     * Micrometer holds a meter's object weakly unless told otherwise, and the drop count's reader
     * is held by nothing else: once collected, the counter would stay at its last value while the
     * kernel went on dropping.
     */
    @Test
    void kernelDropsAreFollowedAfterAGarbageCollection() throws Exception {
        assumeThat(Files.isReadable(Path.of("/proc/net/udp"))).as("Linux /proc").isTrue();
        try (DatagramSocket unread = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
             DatagramSocket sender = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            unread.setReceiveBufferSize(1);
            bind(new KernelUdpDrops(Set.of(unread.getLocalPort())));
            assertThat(registry.scrape()).contains("ncbridge_kernel_udp_drops_total 0.0");
            System.gc();

            byte[] datagram = new byte[1000];
            for (int i = 0; i < 100; i++) {
                sender.send(new DatagramPacket(datagram, datagram.length, unread.getLocalSocketAddress()));
            }
            await().until(() -> registry.get("ncbridge.kernel.udp.drops").functionCounter().count() > 0);
        }
    }

    @Test
    void kernelDropsAreLeftOutWhenUnknown() {
        bind(new KernelUdpDrops(Set.of()));

        assertThat(registry.getMeters()).extracting(Meter::getId).extracting(Meter.Id::getName)
                .doesNotContain("ncbridge.kernel.udp.drops");
    }
}
