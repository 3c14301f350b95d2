package dev.ncbridge.sink.syslog;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of a TCP or TLS connection: notes when the connection was lost.
 *
 * <p>A syslog server never sends anything, so the connection is read only to notice its end: end
 * of stream or a reset arrives as soon as the server closes or dies, usually long before a write
 * would fail. Anything that is read is discarded.
 */
final class ConnectionWatch extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(ConnectionWatch.class);

    private volatile long lostAtNanos;
    private volatile boolean lost;

    boolean lost() {
        return lost;
    }

    /** When the connection was found closed ({@link System#nanoTime()}); meaningful once {@link #lost()}. */
    long lostAtNanos() {
        return lostAtNanos;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ReferenceCountUtil.release(msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        markLost();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("syslog connection {} failed: {}", ctx.channel(), cause.toString());
        markLost();
        ctx.close();
    }

    private void markLost() {
        if (!lost) {
            lostAtNanos = System.nanoTime();
            lost = true;
        }
    }
}
