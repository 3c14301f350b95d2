package dev.ncbridge.sink.syslog;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioChannelOption;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.time.Duration;
import jdk.net.ExtendedSocketOptions;

/**
 * The client transport: native epoll where it loads (Linux), else Java NIO. Epoll matters for one
 * thing here: {@code TCP_USER_TIMEOUT}, which makes the kernel drop a connection whose written data
 * stays unacknowledged for {@code write_timeout}, the only prompt sign of a server that vanished
 * without closing (a half-open connection) while data is in flight.
 */
final class NetTransport {
    private static final boolean EPOLL = Epoll.isAvailable();

    private NetTransport() {
    }

    static IoHandlerFactory ioHandlerFactory() {
        return EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    }

    static Class<? extends SocketChannel> socketChannel() {
        return EPOLL ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    static Class<? extends DatagramChannel> datagramChannel() {
        return EPOLL ? EpollDatagramChannel.class : NioDatagramChannel.class;
    }

    /**
     * Keepalive probes after {@code idle} without traffic (three, a third of {@code idle} apart),
     * which find a dead server while nothing is being sent; and, with epoll, the user timeout.
     */
    static void halfOpenDetection(Bootstrap b, Duration idle, Duration writeTimeout) {
        int idleSeconds = (int) Math.max(1, idle.toSeconds());
        int intervalSeconds = Math.max(1, idleSeconds / 3);
        b.option(ChannelOption.SO_KEEPALIVE, true);
        if (EPOLL) {
            b.option(EpollChannelOption.TCP_KEEPIDLE, idleSeconds)
                    .option(EpollChannelOption.TCP_KEEPINTVL, intervalSeconds)
                    .option(EpollChannelOption.TCP_KEEPCNT, 3)
                    .option(EpollChannelOption.TCP_USER_TIMEOUT, (int) Math.min(Integer.MAX_VALUE, writeTimeout.toMillis()));
        } else {
            b.option(NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPIDLE), idleSeconds)
                    .option(NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPINTERVAL), intervalSeconds)
                    .option(NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPCOUNT), 3);
        }
    }
}
