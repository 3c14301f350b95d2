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
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class UdpReceiveTest {
    private static final int THREADS = 2;
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
        return start(new ReceiveSettings(THREADS, DataSize.parse("1MiB"), 1024, null, 2, transport, null), allow,
                startWorkers, listen);
    }

    private List<InetSocketAddress> start(ReceiveSettings settings, List<Cidr> allow, boolean startWorkers,
                                          String... listen) throws Exception {
        pool = new WorkerPool(settings.workers(), settings.ringSize(), new ByteBudget("ring", settings.ringMemory().bytes()),
                () -> NetconsoleDecoder.withDefaults(new DecodeCounters()), records::addAll);
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

    @Test
    void aPortIsProbedInTheFamilyOfItsAddress() throws Exception {
        ReceiveSettings alone = new ReceiveSettings(1, DataSize.parse("1MiB"), 1024, null, 1,
                ReceiveSettings.Transport.NIO, false);
        pool = new WorkerPool(1, 1024, new ByteBudget("ring", 1 << 20),
                () -> NetconsoleDecoder.withDefaults(new DecodeCounters()), records::addAll);
        try (DatagramChannel other = DatagramChannel.open(StandardProtocolFamily.INET6)) {
            other.bind(new InetSocketAddress("::1", 0));
            int port = ((InetSocketAddress) other.getLocalAddress()).getPort();
            try (UdpReceivers second = new UdpReceivers(alone, new SourceFilter(List.of()), pool, counters)) {
                assertThatThrownBy(() -> second.start(List.of(new InetSocketAddress("::1", port))))
                        .hasMessageStartingWith("cannot listen on udp [::1]:" + port + ": another socket");
            }
            // An IPv4 socket does not share the port with an IPv6 one: a dual-stack probe would refuse it.
            try (UdpReceivers ipv4 = new UdpReceivers(alone, new SourceFilter(List.of()), pool, counters)) {
                ipv4.start(List.of(new InetSocketAddress("0.0.0.0", port)));
                assertThat(ipv4.boundAddresses()).extracting(InetSocketAddress::getPort).containsExactly(port);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = ReceiveSettings.Transport.class, names = {"EPOLL", "NIO"})
    void anIpv4AddressBindsAnIpv4SocketThatIpv6SendersDoNotReach(ReceiveSettings.Transport transport) throws Exception {
        int port = start(transport, List.of(), true, "0.0.0.0:0").get(0).getPort();
        assertThat(ourSockets(port)).isEqualTo(Map.of("udp", (long) THREADS, "udp6", 0L));
        assertUnreachable(new InetSocketAddress("::1", port));
        try (DatagramSocket v4 = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            send(v4, new InetSocketAddress("127.0.0.1", port), "6,1,100,-;over v4\n");
            await().until(() -> records.size() == 1);
        }
        assertThat(counters.datagrams()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(value = ReceiveSettings.Transport.class, names = {"EPOLL", "NIO"})
    void bothFamiliesOnOnePortHaveTheirOwnSockets(ReceiveSettings.Transport transport) throws Exception {
        int port = freePort();
        List<InetSocketAddress> bound = start(transport, List.of(), true, "127.0.0.1:" + port, "[::1]:" + port);
        assertThat(bound).extracting(InetSocketAddress::getPort).containsExactly(port, port);
        assertThat(ourSockets(port)).isEqualTo(Map.of("udp", (long) THREADS, "udp6", (long) THREADS));
        try (DatagramSocket v4 = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
             DatagramSocket v6 = new DatagramSocket(new InetSocketAddress("::1", 0))) {
            send(v4, bound.get(0), "6,1,100,-;over v4\n");
            send(v6, bound.get(1), "6,1,100,-;over v6\n");
            await().until(() -> records.size() == 2);
        }
        assertThat(records).extracting(r -> r.source().getAddress().getHostAddress())
                .containsExactlyInAnyOrder("127.0.0.1", "0:0:0:0:0:0:0:1");
    }

    @ParameterizedTest
    @EnumSource(value = ReceiveSettings.Transport.class, names = {"EPOLL", "NIO"})
    void aWildcardIpv6AddressIsIpv6OnlyWhenAnIpv4AddressHasItsPort(ReceiveSettings.Transport transport) throws Exception {
        int port = freePort();
        start(transport, List.of(), true, "127.0.0.1:" + port, "[::]:" + port);
        assertThat(ourSockets(port)).isEqualTo(Map.of("udp", (long) THREADS, "udp6", (long) THREADS));
        try (DatagramSocket v4 = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
             DatagramSocket v6 = new DatagramSocket(new InetSocketAddress("::1", 0))) {
            send(v4, new InetSocketAddress("127.0.0.1", port), "6,1,100,-;over v4\n");
            send(v6, new InetSocketAddress("::1", port), "6,1,100,-;over v6\n");
            await().until(() -> records.size() == 2);
            // 127.0.0.2 is local, but only a dual-stack [::] takes it: Java cannot make nio's IPv6-only.
            if (transport == ReceiveSettings.Transport.EPOLL) {
                assertUnreachable(new InetSocketAddress("127.0.0.2", port));
            } else {
                send(v4, new InetSocketAddress("127.0.0.2", port), "6,2,200,-;to 127.0.0.2\n");
                await().until(() -> records.size() == 3);
            }
        }
        assertThat(counters.datagrams()).isEqualTo(transport == ReceiveSettings.Transport.EPOLL ? 2 : 3);
    }

    @ParameterizedTest
    @EnumSource(value = ReceiveSettings.Transport.class, names = {"EPOLL", "NIO"})
    void aWildcardIpv6AddressAloneIsDualStack(ReceiveSettings.Transport transport) throws Exception {
        int port = start(transport, List.of(), true, "[::]:0").get(0).getPort();
        assertThat(ourSockets(port)).isEqualTo(Map.of("udp", 0L, "udp6", (long) THREADS));
        try (DatagramChannel v4 = DatagramChannel.open(StandardProtocolFamily.INET)) {
            v4.bind(new InetSocketAddress("127.0.0.1", 0));
            v4.send(ByteBuffer.wrap("6,1,100,-;over v4\n".getBytes(StandardCharsets.UTF_8)),
                    new InetSocketAddress("127.0.0.1", port));
            await().until(() -> records.size() == 1);
        }
        assertThat(records.get(0).source().getAddress()).as("::ffff:127.0.0.1 is spelt as the IPv4 address")
                .isInstanceOf(Inet4Address.class).hasToString("/127.0.0.1");
    }

    /** A port free in both families now: a dual-stack socket took it. */
    private static int freePort() throws IOException {
        try (DatagramChannel ch = DatagramChannel.open(StandardProtocolFamily.INET6)) {
            ch.bind(new InetSocketAddress("::", 0));
            return ((InetSocketAddress) ch.getLocalAddress()).getPort();
        }
    }

    /** Sends to an address no socket should take, and awaits the kernel's "port unreachable". */
    private static void assertUnreachable(InetSocketAddress to) throws IOException {
        try (DatagramChannel ch = DatagramChannel.open(to.getAddress() instanceof Inet4Address
                ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6)) {
            ch.connect(to);
            ch.configureBlocking(false);
            ch.write(ByteBuffer.wrap("6,1,100,-;nobody listens\n".getBytes(StandardCharsets.UTF_8)));
            await().untilAsserted(() -> assertThatThrownBy(() -> ch.read(ByteBuffer.allocate(64)))
                    .isInstanceOf(PortUnreachableException.class));
        }
    }

    /**
     * This process's UDP sockets on a port, by table: "udp" lists IPv4 sockets, "udp6" IPv6 ones
     * (dual-stack included). A row is ours when its inode is one of our file descriptors.
     */
    private static Map<String, Long> ourSockets(int port) throws IOException {
        Set<String> inodes = new HashSet<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
            for (Path fd : fds) {
                try {
                    String link = Files.readSymbolicLink(fd).toString();
                    if (link.startsWith("socket:[")) {
                        inodes.add(link.substring("socket:[".length(), link.length() - 1));
                    }
                } catch (IOException e) {
                    // Closed while listed: not one of the sockets under test.
                }
            }
        }
        return Map.of("udp", ourRows("udp", port, inodes), "udp6", ourRows("udp6", port, inodes));
    }

    private static long ourRows(String table, int port, Set<String> inodes) throws IOException {
        return Files.readAllLines(Path.of("/proc/net", table)).stream().skip(1).map(l -> l.trim().split("\\s+"))
                .filter(f -> Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1), 16) == port && inodes.contains(f[9]))
                .count();
    }

    @ParameterizedTest
    @EnumSource(value = ReceiveSettings.Transport.class, names = {"EPOLL", "NIO"})
    void anAddressOpensAndClosesWhileTheOthersReceive(ReceiveSettings.Transport transport) throws Exception {
        InetSocketAddress kept = start(transport, List.of(), true, "127.0.0.1:0").get(0);
        InetSocketAddress added = dev.ncbridge.config.SocketAddresses.parseLiteral("[::1]:0");
        receivers.open(added, List.of(kept, added));
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
        // Counted when the read cycle ends, which may come just after the worker decoded its datagrams.
        await().until(() -> counters.datagrams() >= 3);
        assertThat(counters.datagrams()).isEqualTo(3);
        assertThat(counters.bytes()).isEqualTo(29 + 29 + 30);
    }

    /**
     * The clock is read once per recvmmsg's worth of datagrams, not per datagram: each read cycle
     * starts with a fresh reading, so a datagram after a pause is not stamped with the time of an
     * earlier cycle, and a burst larger than one batch gets readings in the order it was read.
     */
    @ParameterizedTest
    @EnumSource(value = ReceiveSettings.Transport.class, names = {"EPOLL", "NIO"})
    void everyDatagramIsStampedWhenItsReadCycleTookIt(ReceiveSettings.Transport transport) throws Exception {
        InetSocketAddress to = start(transport, List.of(), true, "127.0.0.1:0").get(0);
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            send(s, to, "6,1,100,-;first\n");
            await().until(() -> records.size() == 1);
            long burstSent = WallClock.nowNanos();
            for (int seq = 2; seq <= 101; seq++) {
                send(s, to, "6," + seq + ",200,-;burst\n");
            }
            await().until(() -> records.size() == 101);
            long burstDecoded = WallClock.nowNanos();
            assertThat(records.get(0).receivedAtNanos()).isLessThanOrEqualTo(burstSent);
            List<Long> burst = records.subList(1, 101).stream().map(Record::receivedAtNanos).toList();
            assertThat(burst).allSatisfy(t -> assertThat(t).isBetween(burstSent, burstDecoded)).isSorted();
        }
    }

    /**
     * A buffer larger than {@code net.core.rmem_max}, which caps SO_RCVBUF: forced with
     * SO_RCVBUFFORCE where the process may (CAP_NET_ADMIN, as root) and the transport can (epoll),
     * held to the cap elsewhere; either way what the sockets have is what {@code receiveBuffer} says.
     */
    @ParameterizedTest
    @EnumSource(value = ReceiveSettings.Transport.class, names = {"EPOLL", "NIO"})
    void aSocketBufferPastTheKernelsCapIsForcedWhereTheProcessMay(ReceiveSettings.Transport transport) throws Exception {
        // Line by line: Files.readString reads one byte first (procfs reports a size of 0), and a
        // sysctl file gives nothing more after a partial read ("2" here).
        int cap = Integer.parseInt(Files.readAllLines(Path.of("/proc/sys/net/core/rmem_max")).get(0).trim());
        int asked = Math.max(4 << 20, Math.addExact(cap, 1 << 20));
        start(new ReceiveSettings(THREADS, new DataSize(asked), 1024, null, 2, transport, null), List.of(), false,
                "127.0.0.1:0", "[::1]:0");
        boolean forced = transport == ReceiveSettings.Transport.EPOLL && hasCapNetAdmin();
        assertThat(receivers.receiveBuffer()).isEqualTo(forced ? asked : cap);

        receivers.close();
        assertThat(receivers.receiveBuffer()).as("no socket listens").isZero();
    }

    /** Bit 12 of the effective capabilities in /proc/self/status. */
    private static boolean hasCapNetAdmin() throws IOException {
        String effective = Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(l -> l.startsWith("CapEff:")).findFirst().orElseThrow().substring("CapEff:".length()).trim();
        return (Long.parseUnsignedLong(effective, 16) & (1L << 12)) != 0;
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

    /**
     * A receiver that finds its ring full keeps what it read beyond the ring (the rest of one read)
     * and stops reading, so the rest waits in the socket. Once the workers make room it offers what
     * it kept, then reads again: every datagram arrives, in the order sent, and none is dropped.
     * Without the stop every datagram past the ring would be read; without the keeping, the rest of
     * the read would be lost.
     */
    @ParameterizedTest
    @EnumSource(value = ReceiveSettings.Transport.class, names = {"EPOLL", "NIO"})
    void aFullRingStopsReadingAndLosesNothing(ReceiveSettings.Transport transport) throws Exception {
        List<InetSocketAddress> bound = start(transport, List.of(), false, "127.0.0.1:0");
        int ring = pool.capacity() / 2; // two workers; one source fills one ring
        assertFullRingsLoseNothing(bound.get(0), ring, "m");
    }

    /** The same when the rings' memory, not their slots, is spent. */
    @ParameterizedTest
    @EnumSource(value = ReceiveSettings.Transport.class, names = {"EPOLL", "NIO"})
    void spentRingMemoryStopsReadingAndLosesNothing(ReceiveSettings.Transport transport) throws Exception {
        List<InetSocketAddress> bound = start(new ReceiveSettings(THREADS, DataSize.parse("1MiB"), 1024,
                DataSize.parse("64KiB"), 2, transport, null), List.of(), false, "127.0.0.1:0");
        String text = "m".repeat(900);
        int fits = 0;
        for (long spent = 0; (spent += new Datagram(payload(fits, text).getBytes(StandardCharsets.UTF_8), bound.get(0),
                0).footprint())
                <= DataSize.parse("64KiB").bytes(); ) {
            fits++;
        }
        assertFullRingsLoseNothing(bound.get(0), fits, text);
    }

    private void assertFullRingsLoseNothing(InetSocketAddress to, int fits, String text) throws Exception {
        int waiting = 300;
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            fillRings(s, to, fits, text);
            for (int seq = fits; seq < fits + waiting; seq++) {
                send(s, to, payload(seq, text));
            }
            await().until(() -> counters.datagrams() > fits);
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5))
                    .until(() -> counters.datagrams() - fits < 100); // one read's worth kept, the rest not read
            assertThat(dropped()).as("kept, not dropped").isZero();
            assertThat(counters.pauses()).isPositive();

            pool.start();
            long expected = fits + waiting - kernelDropsOrZero(to);
            await().until(() -> messages() == expected);
            assertThat(records).filteredOn(r -> r instanceof KernelMessage).extracting(r -> ((KernelMessage) r).message())
                    .as("in the order sent").isSortedAccordingTo(Comparator.comparingInt(m -> Integer.parseInt(
                            m.substring(text.length()))));
            assertThat(dropped()).isZero();
            assertThat(counters.datagrams()).isEqualTo(expected);
        }
    }

    /**
     * A socket that closes (a stop, a reload) while it keeps datagrams the rings refused counts
     * them dropped, by the reason: every datagram read is on a ring or counted.
     */
    @ParameterizedTest
    @EnumSource(value = ReceiveSettings.Transport.class, names = {"EPOLL", "NIO"})
    void whatAClosingSocketKeptIsCountedDropped(ReceiveSettings.Transport transport) throws Exception {
        InetSocketAddress to = start(transport, List.of(), false, "127.0.0.1:0").get(0);
        int ring = pool.capacity() / 2;
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            fillRings(s, to, ring, "m");
            for (int seq = ring; seq < ring + 300; seq++) {
                send(s, to, payload(seq, "m"));
            }
            await().until(() -> counters.datagrams() > ring);
        }
        receivers.close();
        assertThat(counters.dropped(ReceiveCounters.Drop.RING_FULL)).isPositive()
                .isEqualTo(counters.datagrams() - ring);
        assertThat(pool.queued()).isEqualTo(ring);
    }

    /**
     * Sends the {@code fits} datagrams that fill the rings, at most 64 ahead of what the receivers
     * have read: a burst could overflow the socket's buffer (208 KiB where the kernel caps it)
     * before the receivers read it, and never fill the rings.
     */
    private void fillRings(DatagramSocket s, InetSocketAddress to, int fits, String text) throws Exception {
        for (int seq = 0; seq < fits; seq++) {
            long readAtLeast = seq - 64;
            if (counters.datagrams() < readAtLeast) {
                await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1))
                        .until(() -> counters.datagrams() >= readAtLeast);
            }
            send(s, to, payload(seq, text));
        }
        await().until(() -> pool.queued() == fits);
    }

    private static String payload(int seq, String text) {
        return "6," + seq + ",1,-;" + text + seq + "\n";
    }

    private long dropped() {
        return counters.dropped(ReceiveCounters.Drop.RING_FULL) + counters.dropped(ReceiveCounters.Drop.RING_MEMORY);
    }

    private long messages() {
        return records.stream().filter(r -> r instanceof KernelMessage).count();
    }

    private static long kernelDropsOrZero(InetSocketAddress bound) {
        long d = new KernelUdpDrops(java.util.Set.of(bound.getPort())).read();
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
