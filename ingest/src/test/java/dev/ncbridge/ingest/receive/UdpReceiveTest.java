package dev.ncbridge.ingest.receive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ncbridge.config.Cidr;
import dev.ncbridge.config.DataSize;
import dev.ncbridge.config.ReceiveSettings;
import dev.ncbridge.ingest.codec.DecodeCounters;
import dev.ncbridge.ingest.codec.NetconsoleDecoder;
import dev.ncbridge.ingest.memory.ByteBudget;
import dev.ncbridge.ingest.record.Format;
import dev.ncbridge.ingest.record.KernelMessage;
import dev.ncbridge.ingest.record.Record;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class UdpReceiveTest {
    private final List<Record> records = new CopyOnWriteArrayList<>();
    private final ReceiveCounters counters = new ReceiveCounters();
    private WorkerPool pool;
    private UdpReceivers receivers;

    @AfterEach
    void stop() throws Exception {
        if (receivers != null) {
            receivers.close();
        }
        if (pool != null) {
            pool.stop(5000);
        }
    }

    private List<InetSocketAddress> start(ReceiveSettings.Transport transport, List<Cidr> allow, boolean startWorkers,
                                          String... listen) throws Exception {
        ReceiveSettings settings = new ReceiveSettings(2, DataSize.parse("1MiB"), 1024, null, 2, transport, null);
        pool = new WorkerPool(settings.workers(), settings.ringSize(), new ByteBudget("ring", settings.ringMemory().bytes()),
                () -> NetconsoleDecoder.withDefaults(new DecodeCounters()), records::add, counters);
        if (startWorkers) {
            pool.start();
        }
        receivers = new UdpReceivers(settings, new SourceFilter(allow), pool, counters);
        receivers.start(java.util.Arrays.stream(listen).map(dev.ncbridge.config.SocketAddresses::parseLiteral).toList());
        return receivers.boundAddresses();
    }

    private static void send(DatagramSocket socket, InetSocketAddress to, String payload) throws Exception {
        byte[] b = payload.getBytes(StandardCharsets.UTF_8);
        socket.send(new DatagramPacket(b, b.length, to));
    }

    @Test
    void aPortAnotherSocketHoldsIsRefusedUnlessSharedOnPurpose() throws Exception {
        int port = start(ReceiveSettings.Transport.NIO, List.of(), false, "127.0.0.1:0").get(0).getPort();
        InetSocketAddress taken = new InetSocketAddress("127.0.0.1", port);

        ReceiveSettings alone = new ReceiveSettings(1, DataSize.parse("1MiB"), 1024, null, 1,
                ReceiveSettings.Transport.NIO, false);
        try (UdpReceivers second = new UdpReceivers(alone, new SourceFilter(List.of()), pool, counters)) {
            assertThatThrownBy(() -> second.start(List.of(taken))).isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("cannot listen on udp 127.0.0.1:" + port + ": another socket")
                    .hasMessageContaining("receive.share_port: true");
        }

        ReceiveSettings shared = new ReceiveSettings(1, DataSize.parse("1MiB"), 1024, null, 1,
                ReceiveSettings.Transport.NIO, true);
        try (UdpReceivers third = new UdpReceivers(shared, new SourceFilter(List.of()), pool, counters)) {
            third.start(List.of(taken));
            assertThat(third.boundAddresses()).extracting(InetSocketAddress::getPort).containsExactly(port);
        }
    }

    @ParameterizedTest
    @EnumSource(value = ReceiveSettings.Transport.class, names = {"EPOLL", "NIO"})
    void anAddressOpensAndClosesWhileTheOthersReceive(ReceiveSettings.Transport transport) throws Exception {
        InetSocketAddress kept = start(transport, List.of(), true, "127.0.0.1:0").get(0);
        InetSocketAddress added = dev.ncbridge.config.SocketAddresses.parseLiteral("[::1]:0");
        receivers.open(added);
        List<InetSocketAddress> bound = receivers.boundAddresses();
        assertThat(bound).hasSize(2).startsWith(kept);
        try (DatagramSocket v4 = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
             DatagramSocket v6 = new DatagramSocket(new InetSocketAddress("::1", 0))) {
            send(v4, kept, "6,1,100,-;to the kept address\n");
            send(v6, bound.get(1), "6,1,100,-;to the added address\n");
            await().until(() -> records.size() == 2);

            receivers.close(dev.ncbridge.config.SocketAddresses.parseLiteral("127.0.0.1:0"));
            assertThat(receivers.boundAddresses()).as("addresses go by how they were configured")
                    .containsExactly(bound.get(1));
            // Every socket of the address is closed: a socket without SO_REUSEPORT binds its port again.
            try (DatagramSocket plain = new DatagramSocket(null)) {
                plain.setReuseAddress(false);
                plain.bind(kept);
            }
            send(v6, bound.get(1), "6,2,200,-;the added address still receives\n");
            await().until(() -> records.size() == 3);
        }
        assertThat(records).extracting(Record::message).containsExactlyInAnyOrder("to the kept address", "to the added address",
                "the added address still receives");
    }

    @Test
    void aNewAllowListAppliesToTheNextDatagram() throws Exception {
        InetSocketAddress to = start(ReceiveSettings.Transport.NIO, List.of(), true, "127.0.0.1:0").get(0);
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            send(s, to, "6,1,100,-;allowed\n");
            await().until(() -> records.size() == 1);
            receivers.allow(new SourceFilter(List.of(Cidr.parse("10.0.0.0/8"))));
            send(s, to, "6,2,200,-;refused\n");
            await().until(() -> counters.dropped(ReceiveCounters.Drop.NOT_ALLOWED) == 1);
        }
        assertThat(records).hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(value = ReceiveSettings.Transport.class, names = {"EPOLL", "NIO"})
    void receivesOnIpv4AndIpv6AndReassemblesPerSource(ReceiveSettings.Transport transport) throws Exception {
        List<InetSocketAddress> bound = start(transport, List.of(), true, "127.0.0.1:0", "[::1]:0");
        assertThat(bound).hasSize(2);
        assertThat(receivers.usesEpoll()).isEqualTo(transport == ReceiveSettings.Transport.EPOLL);
        try (DatagramSocket v4 = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
             DatagramSocket v6 = new DatagramSocket(new InetSocketAddress("::1", 0))) {
            send(v4, bound.get(0), "6,10,100,-,ncfrag=6/12;world!");
            send(v4, bound.get(0), "6,10,100,-,ncfrag=0/12;hello ");
            send(v6, bound.get(1), "[    1.500000] legacy over v6\n");
            await().until(() -> records.size() == 2);
        }
        assertThat(records).extracting(Record::message).containsExactlyInAnyOrder("hello world!", "legacy over v6");
        KernelMessage v6 = records.stream().filter(r -> r.format() == Format.LEGACY).map(KernelMessage.class::cast)
                .findFirst().orElseThrow();
        assertThat(v6.source().getAddress().getHostAddress()).isEqualTo("0:0:0:0:0:0:0:1");
        assertThat(v6.kernelTsUs()).isEqualTo(1_500_000);
        assertThat(counters.datagrams()).isEqualTo(3);
    }

    @Test
    void sendersOutsideTheAllowListAreCountedAndDropped() throws Exception {
        List<InetSocketAddress> bound = start(ReceiveSettings.Transport.AUTO, List.of(Cidr.parse("10.0.0.0/8")), true,
                "127.0.0.1:0");
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            send(s, bound.get(0), "6,1,1,-;not for us\n");
            await().until(() -> counters.dropped(ReceiveCounters.Drop.NOT_ALLOWED) == 1);
        }
        assertThat(records).isEmpty();
    }

    @Test
    void aFullRingDropsAndCounts() throws Exception {
        List<InetSocketAddress> bound = start(ReceiveSettings.Transport.AUTO, List.of(), false, "127.0.0.1:0");
        int capacity = pool.capacity();
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            for (int i = 0; i < capacity + 100; i++) {
                send(s, bound.get(0), "6," + i + ",1,-;m\n");
                if (i % 200 == 0) {
                    int sent = i + 1;
                    await().until(() -> counters.datagrams() == sent);
                }
            }
            await().until(() -> counters.datagrams() + kernelDropsOrZero(bound) >= capacity + 100);
        }
        long ringFull = counters.dropped(ReceiveCounters.Drop.RING_FULL);
        assertThat(ringFull).isEqualTo(counters.datagrams() - pool.queued()).isPositive();
        pool.start();
        await().until(() -> pool.queued() == 0);
    }

    private static long kernelDropsOrZero(List<InetSocketAddress> bound) {
        long d = new KernelUdpDrops(java.util.Set.of(bound.get(0).getPort())).read();
        return Math.max(0, d);
    }

    @Test
    void kernelDropCountsAreReadFromProcNetUdp() {
        KernelUdpDrops drops = new KernelUdpDrops(java.util.Set.of(6666));
        String ours = "  1: 00000000:1A0A 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 12345 2 "
                + "0000000000000000 17";
        String other = ours.replace(":1A0A", ":1A0B");
        assertThat(drops.dropsOf(ours)).isEqualTo(17);
        assertThat(drops.dropsOf(other)).isEqualTo(-1);
        assertThat(drops.dropsOf("  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops")).isEqualTo(-1);
    }
}
