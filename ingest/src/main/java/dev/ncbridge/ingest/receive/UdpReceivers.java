package dev.ncbridge.ingest.receive;

import dev.ncbridge.config.ReceiveSettings;
import dev.ncbridge.ingest.record.AddressText;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioChannelOption;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.util.concurrent.Future;
import java.net.BindException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.StandardSocketOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The UDP sockets: for each listen address, {@code threads} sockets bound with SO_REUSEPORT so the
 * kernel spreads senders over them, each read by its own event loop thread. With epoll, reads are
 * batched ({@code recvmmsg}, up to {@value #BATCH} datagrams per call). Every datagram is copied
 * out, stamped with the receive time, filtered by the allow list and put on its worker's ring;
 * nothing here waits.
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

    private final ReceiveSettings settings;
    private volatile SourceFilter filter;
    private final WorkerPool workers;
    private final ReceiveCounters counters;
    /** The open listen addresses, by the address configured; each has its own threads, so one closes alone. */
    private final Map<InetSocketAddress, Listener> listeners = new LinkedHashMap<>();
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
                listeners.put(address, listen(address));
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * Starts listening on one more address while the others go on receiving (a reload); checked
     * like the addresses of {@link #start}.
     */
    public synchronized void open(InetSocketAddress address) {
        if (listeners.containsKey(address)) {
            return;
        }
        if (!settings.sharePort()) {
            refuseIfTaken(address);
        }
        listeners.put(address, listen(address));
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
     * whether the port is free. Each address is tried alone, before any of ours is bound.
     */
    private static void refuseIfTaken(InetSocketAddress address) {
        if (address.getPort() == 0) {
            return;
        }
        try (DatagramSocket probe = new DatagramSocket(null)) {
            probe.setReuseAddress(false);
            probe.bind(address);
        } catch (BindException e) {
            throw new IllegalStateException("cannot listen on udp " + AddressText.withPort(address)
                    + ": another socket (another ncbridge?) already listens there, and the kernel would split each host's datagrams between the"
                    + " two; stop it, or set receive.share_port: true to share the port on purpose");
        } catch (SocketException e) {
            // Anything else (no such address here): the real bind says it.
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

    private Listener listen(InetSocketAddress address) {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(settings.threads(),
                epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        List<Channel> channels = new ArrayList<>();
        InetSocketAddress target = address;
        try {
            for (int i = 0; i < settings.threads(); i++) {
                Channel ch;
                try {
                    ch = bootstrap(group).bind(target).sync().channel();
                } catch (Exception e) {
                    throw new IllegalStateException("cannot listen on " + AddressText.withPort(address) + ": " + e.getMessage(), e);
                }
                channels.add(ch);
                // With port 0 the first socket picks the port; the others must join it. The address
                // stays as configured: a dual-stack socket reports an IPv4 bind as [::], which would
                // make the next socket (and the log) [::]:6666 where 0.0.0.0:6666 was asked for.
                target = new InetSocketAddress(address.getAddress(), ((InetSocketAddress) ch.localAddress()).getPort());
                checkReceiveBuffer(ch, target);
            }
        } catch (RuntimeException e) {
            new Listener(group, channels, target).close();
            throw e;
        }
        log.info("listening on udp {} ({} socket{}, {})", AddressText.withPort(target), settings.threads(),
                settings.threads() == 1 ? "" : "s", epoll ? "epoll" : "nio");
        return new Listener(group, channels, target);
    }

    private Bootstrap bootstrap(EventLoopGroup group) {
        Bootstrap b = new Bootstrap().group(group)
                .option(ChannelOption.SO_RCVBUF, settings.socketBuffer().toIntBytes())
                .handler(new Handler());
        if (epoll) {
            b.channel(EpollDatagramChannel.class)
                    .option(EpollChannelOption.SO_REUSEPORT, true)
                    .option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, READ_BUFFER)
                    .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(READ_BUFFER * BATCH));
        } else {
            b.channel(NioDatagramChannel.class)
                    .option(NioChannelOption.of(StandardSocketOptions.SO_REUSEPORT), true)
                    .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(READ_BUFFER));
        }
        return b;
    }

    /** Linux caps SO_RCVBUF at net.core.rmem_max, silently; a small buffer loses bursts. */
    private void checkReceiveBuffer(Channel ch, InetSocketAddress address) {
        int asked = settings.socketBuffer().toIntBytes();
        Integer got = ch.config().getOption(ChannelOption.SO_RCVBUF);
        if (got != null && got < asked) {
            log.warn("udp {}: receive buffer is {} bytes, not the {} asked for; raise net.core.rmem_max"
                    + " (sysctl -w net.core.rmem_max={}) so bursts are not dropped", AddressText.withPort(address), got,
                    asked, asked);
        }
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
    }

    /** One listen address: its sockets, the threads that read them, and the address bound. */
    private record Listener(EventLoopGroup group, List<Channel> channels, InetSocketAddress bound) {
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

    @ChannelHandler.Sharable
    private final class Handler extends SimpleChannelInboundHandler<DatagramPacket> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            ByteBuf content = packet.content();
            int length = content.readableBytes();
            counters.received(length);
            if (length > MAX_DATAGRAM) {
                counters.drop(ReceiveCounters.Drop.TRUNCATED);
                return;
            }
            InetSocketAddress sender = SenderAddress.normalize(packet.sender());
            if (!filter.allows(sender.getAddress())) {
                counters.drop(ReceiveCounters.Drop.NOT_ALLOWED);
                return;
            }
            byte[] data = new byte[length];
            content.getBytes(content.readerIndex(), data);
            workers.dispatch(new Datagram(data, sender, WallClock.nowNanos()));
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.warn("udp receive error on {}: {}", ctx.channel().localAddress(), cause.toString());
        }
    }
}
