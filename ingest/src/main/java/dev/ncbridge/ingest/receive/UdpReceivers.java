package dev.ncbridge.ingest.receive;

import dev.ncbridge.config.DataSize;
import dev.ncbridge.config.ReceiveSettings;
import dev.ncbridge.ingest.codec.SenderAddress;
import dev.ncbridge.ingest.record.AddressText;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelException;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.socket.nio.NioChannelOption;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.unix.IntegerUnixChannelOption;
import io.netty.util.concurrent.Future;
import java.io.IOException;
import java.net.BindException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The UDP sockets: for each listen address, {@code threads} sockets bound with SO_REUSEPORT so the
 * kernel spreads senders over them, each read by its own event loop thread. With epoll, reads are
 * batched ({@code recvmmsg}, up to {@value #BATCH} datagrams per call), and a busy socket is read
 * in cycles at most a millisecond apart rather than at every datagram ({@link ReadPacer}). Every
 * datagram is copied out, stamped with the receive time, filtered by the allow list and put on its
 * worker's ring; nothing here waits. When the rings are full, a socket keeps what it read and is not
 * read until they have room (see {@link WorkerPool}).
 *
 * <p>Each socket has the family of its address, so {@code 0.0.0.0:6666} is an IPv4 socket (the native
 * transport would otherwise bind it as a dual-stack {@code [::]:6666}); {@code [::]} is dual-stack
 * unless {@link #ipv6Only} says otherwise.
 */
public final class UdpReceivers implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(UdpReceivers.class);
    /** Larger than any netconsole datagram (the kernel sends at most 1000 bytes) and a jumbo frame. */
    static final int MAX_DATAGRAM = 9216;
    /**
     * Read buffers are one byte larger than the largest datagram taken, so that a larger one,
     * which the socket cuts to the buffer's size, shows by its length and is never decoded as
     * complete (neither recvmmsg through Netty nor NIO reports MSG_TRUNC).
     */
    private static final int READ_BUFFER = MAX_DATAGRAM + 1;
    private static final int BATCH = 32;
    /**
     * Datagrams one epoll read cycle takes at most before the event loop does anything else: 16
     * full batches. Netty's default (16 datagrams) would end a cycle after its first recvmmsg.
     */
    private static final int EPOLL_CYCLE_LIMIT = 16 * BATCH;
    /**
     * NIO reads a whole cycle into a list before handing any datagram on, so past a full ring it
     * would read and keep a whole cycle, outside the rings' memory: it keeps Netty's default.
     */
    private static final int NIO_CYCLE_LIMIT = 16;
    /** Linux's IPPROTO_IPV6 and IPV6_V6ONLY; Netty has no named option for it. */
    private static final IntegerUnixChannelOption IPV6_V6ONLY = new IntegerUnixChannelOption("IPV6_V6ONLY", 41, 26);
    /** Linux's SOL_SOCKET and SO_RCVBUFFORCE: SO_RCVBUF past net.core.rmem_max, for CAP_NET_ADMIN. */
    private static final IntegerUnixChannelOption SO_RCVBUFFORCE = new IntegerUnixChannelOption("SO_RCVBUFFORCE", 1, 33);

    private final ReceiveSettings settings;
    private volatile SourceFilter filter;
    private final WorkerPool workers;
    private final ReceiveCounters counters;
    /** The open listen addresses, by the address configured; each has its own threads, so one closes alone. */
    private final Map<InetSocketAddress, Listener> listeners = new LinkedHashMap<>();
    /** {@link #receiveBuffer()}, kept apart from the lock that a closing listener holds for seconds. */
    private volatile int smallestReceiveBuffer;
    private boolean epoll;

    public UdpReceivers(ReceiveSettings settings, SourceFilter filter, WorkerPool workers, ReceiveCounters counters) {
        this.settings = settings;
        this.filter = filter;
        this.workers = workers;
        this.counters = counters;
    }

    /**
     * Binds every address; fails (and closes what was bound) if any cannot be bound, or, without
     * {@code share_port}, if another socket already holds one.
     */
    public synchronized void start(List<InetSocketAddress> addresses) throws InterruptedException {
        if (!settings.sharePort()) {
            addresses.forEach(UdpReceivers::refuseIfTaken);
        }
        epoll = useEpoll();
        try {
            for (InetSocketAddress address : addresses) {
                listeners.put(address, listen(address, ipv6Only(address, addresses)));
            }
            listenersChanged();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * Starts listening on one more address while the others go on receiving (a reload); checked
     * like the addresses of {@link #start}.
     *
     * @param listen the whole listen list it belongs to, which says whether {@code [::]} is IPv6-only
     */
    public synchronized void open(InetSocketAddress address, List<InetSocketAddress> listen) {
        if (listeners.containsKey(address)) {
            return;
        }
        if (!settings.sharePort()) {
            refuseIfTaken(address);
        }
        listeners.put(address, listen(address, ipv6Only(address, listen)));
        listenersChanged();
    }

    /**
     * Whether the socket for {@code address} is IPv6-only: {@code [::]:P} is dual-stack (IPv4 senders
     * arrive as {@code ::ffff:a.b.c.d}) unless {@code listen} also has an IPv4 address with port P,
     * whose socket would otherwise compete with it for the IPv4 datagrams. Other IPv6 addresses
     * never receive IPv4, so their sockets stay as the kernel makes them.
     */
    public static boolean ipv6Only(InetSocketAddress address, List<InetSocketAddress> listen) {
        return !(address.getAddress() instanceof Inet4Address) && address.getAddress().isAnyLocalAddress()
                && listen.stream().anyMatch(a -> a.getAddress() instanceof Inet4Address && a.getPort() == address.getPort());
    }

    /**
     * Stops listening on one address (a reload); datagrams it already put on the rings are still
     * decoded, what its socket buffer holds unread is gone with the socket.
     *
     * @param address as configured, as given to {@link #start} or {@link #open} (port 0 included)
     */
    public synchronized void close(InetSocketAddress address) {
        Listener l = listeners.remove(address);
        if (l != null) {
            listenersChanged();
            l.close();
            log.info("stopped listening on udp {}", AddressText.withPort(l.bound));
        }
    }

    /** The senders accepted from now on; a reload changes it while datagrams keep arriving. */
    public void allow(SourceFilter next) {
        filter = next;
    }

    /**
     * Our sockets set SO_REUSEPORT (for {@code receive.threads}), so binding would succeed next to
     * another instance's, and the kernel would then split every host's datagrams between the two,
     * each seeing half of every sequence. A plain socket cannot bind beside any other: that says
     * whether the port is free. Each address is tried alone, before any of ours is bound, with a
     * socket of its family: Java's default one is dual-stack, and would take {@code 0.0.0.0:P} for
     * {@code [::]:P}, refusing a port that only an IPv6 socket holds. Java cannot make an IPv6-only
     * socket, so {@code [::]:P} is probed dual-stack, which an IPv4 holder of P refuses too.
     */
    private static void refuseIfTaken(InetSocketAddress address) {
        if (address.getPort() == 0) {
            return;
        }
        try (DatagramChannel probe = DatagramChannel.open(address.getAddress() instanceof Inet4Address
                ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6)) {
            probe.setOption(StandardSocketOptions.SO_REUSEADDR, false);
            probe.bind(address);
        } catch (BindException e) {
            throw new IllegalStateException("cannot listen on udp " + AddressText.withPort(address)
                    + ": another socket (another ncbridge?) already listens there, and the kernel would split each host's datagrams between the"
                    + " two; stop it, or set receive.share_port: true to share the port on purpose");
        } catch (IOException | UnsupportedOperationException e) {
            // Anything else (no such address here, no IPv6): the real bind says it.
        }
    }

    private boolean useEpoll() {
        switch (settings.transport()) {
            case NIO:
                return false;
            case EPOLL:
                if (!Epoll.isAvailable()) {
                    throw new IllegalStateException("receive.transport is epoll, but epoll is not available: "
                            + Epoll.unavailabilityCause());
                }
                return true;
            default:
                return Epoll.isAvailable();
        }
    }

    private Listener listen(InetSocketAddress address, boolean ipv6Only) {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(settings.threads(),
                epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        List<Channel> channels = new ArrayList<>();
        InetSocketAddress target = address;
        int smallestBuffer = Integer.MAX_VALUE;
        try {
            for (int i = 0; i < settings.threads(); i++) {
                Channel ch;
                try {
                    ch = bootstrap(group, address, ipv6Only).bind(target).sync().channel();
                } catch (Exception e) {
                    throw new IllegalStateException("cannot listen on " + AddressText.withPort(address) + ": " + e.getMessage(), e);
                }
                channels.add(ch);
                // With port 0 the first socket picks the port; the others must join it. The address
                // stays as configured, which is how reloads and the log name it.
                target = new InetSocketAddress(address.getAddress(), ((InetSocketAddress) ch.localAddress()).getPort());
                smallestBuffer = Math.min(smallestBuffer, sizeReceiveBuffer(ch, target));
            }
        } catch (RuntimeException e) {
            new Listener(group, channels, target, 0).close();
            throw e;
        }
        // In the units of receive.socket_buffer, whose default depends on the memory: the log says
        // what this machine got.
        log.info("listening on udp {} ({} socket{}, {}, {}, receive buffer {})", AddressText.withPort(target),
                settings.threads(), settings.threads() == 1 ? "" : "s", epoll ? "epoll" : "nio",
                families(address, ipv6Only), new DataSize(smallestBuffer));
        return new Listener(group, channels, target, smallestBuffer);
    }

    /** What the sockets of an address receive, for the log. */
    private String families(InetSocketAddress address, boolean ipv6Only) {
        if (address.getAddress() instanceof Inet4Address) {
            return "IPv4";
        }
        if (!address.getAddress().isAnyLocalAddress()) {
            return "IPv6";
        }
        if (ipv6Only && !epoll) {
            return "IPv6 and IPv4: nio cannot make it IPv6-only";
        }
        return ipv6Only ? "IPv6 only" : "IPv6 and IPv4";
    }

    private Bootstrap bootstrap(EventLoopGroup group, InetSocketAddress address, boolean ipv6Only) {
        SocketProtocolFamily family = address.getAddress() instanceof Inet4Address
                ? SocketProtocolFamily.INET : SocketProtocolFamily.INET6;
        Bootstrap b = new Bootstrap().group(group)
                .option(ChannelOption.SO_RCVBUF, settings.socketBuffer().toIntBytes())
                // Pooled: an epoll read takes one buffer for its whole recvmmsg batch (BATCH slots of
                // READ_BUFFER bytes, 288 KiB), larger than the default adaptive allocator pools, so
                // every read allocated and freed a direct buffer of that size (malloc, Cleaner,
                // page faults). At 100k msg/s after a warm-up, the kernel dropped 7 % of the datagrams
                // with it and none without, one run each (docs/performance.md).
                .option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                .handler(new Handler(family == SocketProtocolFamily.INET6 && !(ipv6Only && epoll)));
        if (epoll) {
            b.channelFactory(() -> new EpollDatagramChannel(family))
                    .option(EpollChannelOption.SO_REUSEPORT, true)
                    .option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, READ_BUFFER)
                    .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(READ_BUFFER * BATCH).maxMessagesPerRead(EPOLL_CYCLE_LIMIT));
            if (ipv6Only) {
                b.option(IPV6_V6ONLY, 1);
            }
        } else {
            // Java opens every IPv6 socket dual-stack and has no option for IPV6_V6ONLY.
            b.channelFactory(() -> new NioDatagramChannel(family))
                    .option(NioChannelOption.of(StandardSocketOptions.SO_REUSEPORT), true)
                    .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(READ_BUFFER).maxMessagesPerRead(NIO_CYCLE_LIMIT));
        }
        return b;
    }

    /**
     * Linux caps SO_RCVBUF at net.core.rmem_max (208 KiB on a stock host), silently, and a small
     * buffer loses bursts. A process allowed to (CAP_NET_ADMIN: root, or a unit granting it) then
     * takes the size asked with SO_RCVBUFFORCE, as rsyslog's imudp and journald do; NIO has no way
     * to set it. What is still short of the size asked is logged, with how to raise the cap.
     *
     * @return the buffer the socket has, in the bytes of {@code receive.socket_buffer}
     */
    private int sizeReceiveBuffer(Channel ch, InetSocketAddress address) {
        int asked = settings.socketBuffer().toIntBytes();
        int got = receiveBuffer(ch);
        if (got < asked && epoll) {
            try {
                ch.config().setOption(SO_RCVBUFFORCE, asked);
                got = receiveBuffer(ch);
            } catch (ChannelException notPermitted) {
                // EPERM without CAP_NET_ADMIN: the cap stays, and the warning below says so.
            }
        }
        if (got < asked) {
            log.warn("udp {}: receive buffer is {}, not the {} of receive.socket_buffer: net.core.rmem_max caps it."
                    + " Raise the cap (sysctl -w net.core.rmem_max={}) so that bursts are not dropped",
                    AddressText.withPort(address), new DataSize(got), settings.socketBuffer(), asked);
        }
        return got;
    }

    /**
     * Linux reports twice the size it was given, the overhead it counts against it included; the
     * JDK halves that back for NIO, Netty's epoll transport does not.
     */
    private int receiveBuffer(Channel ch) {
        Integer reported = ch.config().getOption(ChannelOption.SO_RCVBUF);
        return reported == null ? 0 : epoll ? reported / 2 : reported;
    }

    /** The addresses actually bound, one per listen address (with the port chosen for port 0). */
    public synchronized List<InetSocketAddress> boundAddresses() {
        return listeners.values().stream().map(l -> l.bound).toList();
    }

    public boolean usesEpoll() {
        return epoll;
    }

    /**
     * Closes the sockets, all addresses at once so that the stop waits for the slowest, not their
     * sum; datagrams already on the rings are still decoded by the workers.
     */
    @Override
    public synchronized void close() {
        List<Future<?>> closing = new ArrayList<>();
        listeners.values().forEach(l -> l.channels.forEach(ch -> closing.add(ch.close())));
        closing.forEach(f -> f.awaitUninterruptibly(5, TimeUnit.SECONDS));
        List<Future<?>> stopping = new ArrayList<>();
        listeners.values().forEach(l -> stopping.add(l.stopThreads()));
        stopping.forEach(f -> f.awaitUninterruptibly(5, TimeUnit.SECONDS));
        listeners.clear();
        listenersChanged();
    }

    private void listenersChanged() {
        smallestReceiveBuffer = listeners.values().stream().mapToInt(Listener::receiveBuffer).min().orElse(0);
    }

    /**
     * The smallest receive buffer of the listening sockets, in the bytes that
     * {@code receive.socket_buffer} asks for (the kernel reports twice as much, its bookkeeping
     * included); 0 when none listens. Less than asked means {@code net.core.rmem_max} capped it.
     */
    public int receiveBuffer() {
        return smallestReceiveBuffer;
    }

    /** One listen address: its sockets, the threads that read them, and the address bound. */
    private record Listener(EventLoopGroup group, List<Channel> channels, InetSocketAddress bound, int receiveBuffer) {
        void close() {
            for (Channel ch : channels) {
                ch.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
            }
            stopThreads().awaitUninterruptibly(5, TimeUnit.SECONDS);
        }

        Future<?> stopThreads() {
            return group.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        }
    }

    /**
     * One socket's reader; it lives on the socket's event loop, so its state needs no locks. Reading
     * pauses for two reasons, and resumes only when neither holds: the {@link ReadPacer} gathering
     * datagrams in a busy socket, and datagrams kept for full rings (see {@link WorkerPool}).
     */
    private final class Handler extends SimpleChannelInboundHandler<DatagramPacket> {
        /**
         * Datagrams the rings refused, and those read after them, in arrival order: offered again,
         * before anything new is read, once there is room. At most the rest of one read (a recvmmsg
         * batch, or NIO's cycle), since reading stops at the first refusal. Not empty exactly while
         * the socket waits for room.
         */
        private final ArrayDeque<Datagram> kept = new ArrayDeque<>();
        /** Whether the socket is dual-stack, so that IPv4 senders arrive as IPv4-mapped addresses. */
        private final boolean mapsIpv4;
        private ReadPacer pacer;
        /** Datagrams and bytes taken in this read cycle, counted at its end rather than one by one. */
        private int cycleDatagrams;
        private long cycleBytes;
        /**
         * The receive time of the datagrams read since: the clock is read at the first of every
         * {@value #BATCH}, one recvmmsg's worth, which the socket gave up together. A read per
         * datagram was 1.4 % of the receiving core under a flood.
         */
        private long readNanos;
        private boolean gathering;

        Handler(boolean mapsIpv4) {
            this.mapsIpv4 = mapsIpv4;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            ByteBuf content = packet.content();
            int length = content.readableBytes();
            if (cycleDatagrams++ % BATCH == 0) {
                readNanos = WallClock.nowNanos();
            }
            cycleBytes += length;
            if (length > MAX_DATAGRAM) {
                counters.drop(ReceiveCounters.Drop.TRUNCATED);
                return;
            }
            // The decoder spells a source once, when it first sees it; the one spelling each
            // datagram needs is the IPv4 form of a mapped address, another key than the mapped one.
            InetSocketAddress sender = mapsIpv4 ? SenderAddress.normalize(packet.sender()) : packet.sender();
            if (!filter.allows(sender.getAddress())) {
                counters.drop(ReceiveCounters.Drop.NOT_ALLOWED);
                return;
            }
            byte[] data = new byte[length];
            content.getBytes(content.readerIndex(), data);
            Datagram d = new Datagram(data, sender, readNanos);
            if (!kept.isEmpty()) {
                kept.add(d);
            } else if (workers.offer(d) != null) {
                kept.add(d);
                pause(ctx.channel());
                waitForRoom(ctx);
            }
        }

        private void waitForRoom(ChannelHandlerContext ctx) {
            counters.paused();
            workers.resumeWhenRoom(() -> roomMade(ctx));
        }

        /** Runs on a decode worker's thread: the datagrams kept belong to the socket's event loop. */
        private void roomMade(ChannelHandlerContext ctx) {
            try {
                ctx.executor().execute(() -> {
                    if (offerKept()) {
                        resume(ctx.channel());
                    } else {
                        waitForRoom(ctx);
                    }
                });
            } catch (RejectedExecutionException e) {
                // The socket's threads stopped (a reload or the stop) while it waited: what it kept
                // was counted when the socket closed.
            }
        }

        /** Offers the datagrams kept, in order; false when the rings refuse one again. */
        private boolean offerKept() {
            for (Datagram d; (d = kept.peek()) != null; kept.poll()) {
                if (workers.offer(d) != null) {
                    return false;
                }
            }
            return true;
        }

        /**
         * The socket closed (a reload or the stop): what it kept goes to the rings if they have
         * room now, and what they still refuse is counted dropped, by the reason they refused it.
         */
        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            countCycle();
            for (Datagram d; (d = kept.poll()) != null; ) {
                ReceiveCounters.Drop refused = workers.offer(d);
                if (refused != null) {
                    counters.drop(refused);
                }
            }
            ctx.fireChannelInactive();
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            if (pacer == null) {
                pacer = pacerFor(ctx.channel());
            }
            long pauseNanos = pacer.afterCycle(System.nanoTime(), cycleDatagrams);
            countCycle();
            if (pauseNanos > 0 && !gathering && kept.isEmpty()) {
                gathering = true;
                pause(ctx.channel());
                ctx.executor().schedule(() -> {
                    gathering = false;
                    resume(ctx.channel());
                }, pauseNanos, TimeUnit.NANOSECONDS);
            }
            ctx.fireChannelReadComplete();
        }

        private void countCycle() {
            counters.received(cycleDatagrams, cycleBytes);
            cycleDatagrams = 0;
            cycleBytes = 0;
        }

        /**
         * Made at the first read, with the socket's buffer as the kernel counts it: twice the
         * size {@code receiveBuffer} gives, whichever transport reported it.
         */
        private ReadPacer pacerFor(Channel channel) {
            return new ReadPacer(epoll ? EPOLL_CYCLE_LIMIT : NIO_CYCLE_LIMIT,
                    ReadPacer.gatherLimitFor(2 * receiveBuffer(channel)));
        }

        /** Netty stops asking the socket for reads; the socket's buffer holds what comes meanwhile. */
        private void pause(Channel channel) {
            channel.config().setAutoRead(false);
        }

        private void resume(Channel channel) {
            if (!gathering && kept.isEmpty()) {
                channel.config().setAutoRead(true);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.warn("udp receive error on {}: {}", ctx.channel().localAddress(), cause.toString());
        }
    }
}
