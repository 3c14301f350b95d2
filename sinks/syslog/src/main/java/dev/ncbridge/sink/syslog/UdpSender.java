package dev.ncbridge.sink.syslog;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.DatagramPacket;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sends datagrams from one unconnected UDP socket. The server's name is resolved for every batch
 * (the JDK caches answers), so a server that moves is followed. UDP says nothing about delivery: a
 * datagram that left is counted as sent.
 */
final class UdpSender implements AutoCloseable {
    private final String sinkName;
    private final SyslogAddress address;
    private final Channel channel;

    UdpSender(String sinkName, SyslogAddress address, EventLoopGroup group) throws IOException {
        this.sinkName = sinkName;
        this.address = address;
        Bootstrap b = new Bootstrap().group(group).channel(NetTransport.datagramChannel())
                .handler(new ChannelInboundHandlerAdapter());
        var bind = b.bind(0).awaitUninterruptibly();
        if (!bind.isSuccess()) {
            throw new IOException("syslog sink " + sinkName + ": cannot open a UDP socket: " + bind.cause(), bind.cause());
        }
        this.channel = bind.channel();
    }

    /** Sends the datagrams, taking over the caller's references; fails if any could not be sent. */
    CompletableFuture<Void> send(List<ByteBuf> datagrams) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        InetSocketAddress remote = new InetSocketAddress(address.host(), address.port());
        if (remote.isUnresolved()) {
            datagrams.forEach(ByteBuf::release);
            return CompletableFuture.failedFuture(new IOException("syslog sink " + sinkName + ": cannot resolve "
                    + address.host()));
        }
        if (datagrams.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        AtomicInteger left = new AtomicInteger(datagrams.size());
        AtomicReference<Throwable> failure = new AtomicReference<>();
        ChannelFutureListener each = f -> {
            if (!f.isSuccess()) {
                failure.compareAndSet(null, f.cause());
            }
            if (left.decrementAndGet() == 0) {
                Throwable cause = failure.get();
                if (cause == null) {
                    result.complete(null);
                } else {
                    result.completeExceptionally(new IOException("syslog sink " + sinkName + ": cannot send to "
                            + address + ": " + cause, cause));
                }
            }
        };
        for (ByteBuf d : datagrams) {
            channel.write(new DatagramPacket(d, remote)).addListener(each);
        }
        channel.flush();
        return result;
    }

    @Override
    public void close() {
        channel.close().awaitUninterruptibly(1000);
    }
}
