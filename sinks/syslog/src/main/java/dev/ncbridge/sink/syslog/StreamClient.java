package dev.ncbridge.sink.syslog;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One TCP or TLS connection to the syslog server at a time, opened when a batch is to be sent and
 * opened again after it broke. Called from the sink's thread, one batch at a time.
 *
 * <p>Delivery is at least once, within limits. A completed write only means the bytes reached the
 * local socket buffer, so every batch written is kept for {@code replay_window}
 * ({@link ReplayBuffer}); when the connection is found lost (the server closed or reset it, keepalive
 * or the user timeout gave up, a write failed or did not finish within {@code write_timeout}), the
 * batches written within the window before that moment are sent first on the next connection.
 * Records the server had already taken then arrive twice. A failed connect or write fails the
 * batch, and the runner retries it with its backoff, which also paces reconnecting.
 */
final class StreamClient implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StreamClient.class);

    private final String sinkName;
    private final SyslogOptions options;
    private final SyslogMeters meters;
    private final Bootstrap bootstrap;
    /** Batches from lost connections, oldest first, to send before anything new. Guarded by this. */
    private final List<ReplayBuffer.Batch> pending = new ArrayList<>();
    private Channel channel;
    private ConnectionWatch watch;
    private ReplayBuffer replay;
    private volatile boolean connectFailing;

    StreamClient(String sinkName, SyslogOptions options, EventLoopGroup group, SslContext ssl, SyslogMeters meters) {
        this.sinkName = sinkName;
        this.options = options;
        this.meters = meters;
        this.bootstrap = new Bootstrap().group(group).channel(NetTransport.socketChannel())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, options.connectTimeout().toMillis()))
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        if (ssl != null) {
                            ch.pipeline().addLast(TlsContexts.handler(ssl, ch.alloc(), options.tls(),
                                    options.address().port(), options.connectTimeout().toMillis()));
                        }
                        ch.pipeline().addLast(new ConnectionWatch());
                    }
                });
        NetTransport.halfOpenDetection(bootstrap, options.keepalive(), options.writeTimeout());
    }

    /** False while connecting fails, for the readiness check. */
    boolean healthy() {
        return !connectFailing;
    }

    /**
     * Sends framed messages, after whatever must be sent again from a lost connection. Takes over
     * the caller's reference to {@code frames}. The stage fails when the batch may not have been
     * written; the runner then retries it.
     */
    CompletableFuture<Void> send(ByteBuf frames, int records) {
        try {
            ensureConnected();
        } catch (IOException e) {
            frames.release();
            return CompletableFuture.failedFuture(e);
        }
        Channel ch = channel;
        ReplayBuffer written = replay;
        List<ReplayBuffer.Batch> resend;
        synchronized (this) {
            resend = new ArrayList<>(pending);
            pending.clear();
        }
        long bytes = frames.readableBytes();
        for (ReplayBuffer.Batch b : resend) {
            bytes += b.frames().readableBytes();
            // A failure here fails the channel, and with it the write below.
            ch.write(b.frames().retainedDuplicate(), ch.voidPromise());
        }
        ChannelFuture write = ch.writeAndFlush(frames.retainedDuplicate());
        CompletableFuture<Void> result = new CompletableFuture<>();
        ScheduledFuture<?> timeout = ch.eventLoop().schedule(() -> {
            if (!write.isDone()) {
                log.warn("syslog sink {}: a write to {} did not finish within write_timeout {}; closing the connection",
                        sinkName, options.address(), options.writeTimeout());
                ch.close();
            }
        }, options.writeTimeout().toNanos(), TimeUnit.NANOSECONDS);
        long totalBytes = bytes;
        write.addListener(done -> {
            timeout.cancel(false);
            if (done.isSuccess()) {
                long now = System.nanoTime();
                int resent = 0;
                for (ReplayBuffer.Batch b : resend) {
                    written.add(b.frames(), b.records(), now);
                    resent += b.records();
                }
                written.add(frames, records, now);
                meters.replayed.increment(resent);
                meters.bytesWritten.increment(totalBytes);
                result.complete(null);
            } else {
                synchronized (StreamClient.this) {
                    pending.addAll(0, resend);
                }
                frames.release();
                ch.close();
                result.completeExceptionally(new IOException("syslog sink " + sinkName + ": cannot write to "
                        + options.address() + ": " + done.cause(), done.cause()));
            }
        });
        return result;
    }

    private void ensureConnected() throws IOException {
        if (channel != null && !watch.lost() && channel.isActive()) {
            return;
        }
        if (channel != null) {
            connectionLost();
        }
        try {
            connect();
            connectFailing = false;
        } catch (IOException e) {
            connectFailing = true;
            meters.connectFailures.increment();
            throw e;
        }
    }

    /** Moves what was written shortly before the loss to {@link #pending}. */
    private void connectionLost() {
        long lostAt = watch.lost() ? watch.lostAtNanos() : System.nanoTime();
        channel.close();
        List<ReplayBuffer.Batch> recent = replay.takeRecent(lostAt);
        int records = recent.stream().mapToInt(ReplayBuffer.Batch::records).sum();
        synchronized (this) {
            pending.addAll(recent);
        }
        meters.disconnects.increment();
        log.warn("syslog sink {}: connection to {} lost; {} records written in the {} before will be sent again",
                sinkName, options.address(), records, options.replayWindow());
        channel = null;
        watch = null;
        replay = null;
    }

    private void connect() throws IOException {
        ChannelFuture connect = bootstrap.connect(options.address().host(), options.address().port());
        long waitMillis = options.connectTimeout().toMillis() + 1000;
        if (!connect.awaitUninterruptibly(waitMillis)) {
            connect.cancel(false);
            connect.channel().close();
            throw new IOException("syslog sink " + sinkName + ": connecting to " + options.address() + " timed out");
        }
        if (!connect.isSuccess()) {
            throw new IOException("syslog sink " + sinkName + ": cannot connect to " + options.address() + " ("
                    + options.transport().name().toLowerCase(java.util.Locale.ROOT) + "): " + connect.cause(), connect.cause());
        }
        Channel ch = connect.channel();
        SslHandler ssl = ch.pipeline().get(SslHandler.class);
        if (ssl != null) {
            Future<Channel> handshake = ssl.handshakeFuture();
            if (!handshake.awaitUninterruptibly(waitMillis) || !handshake.isSuccess()) {
                ch.close();
                Throwable cause = handshake.cause();
                throw new IOException("syslog sink " + sinkName + ": TLS handshake with " + options.address()
                        + " failed: " + (cause == null ? "timed out" : cause.toString()), cause);
            }
        }
        meters.connections.increment();
        log.info("syslog sink {}: connected to {} ({})", sinkName, options.address(), ch.remoteAddress());
        channel = ch;
        watch = ch.pipeline().get(ConnectionWatch.class);
        replay = new ReplayBuffer(options.replayWindow().toNanos(), options.replayBuffer());
    }

    /**
     * Closes the connection. Batches still waiting to be sent again are sent first if a connection
     * can be had; else they are lost, and counted.
     */
    @Override
    public void close() {
        boolean waiting;
        synchronized (this) {
            waiting = !pending.isEmpty();
        }
        if (waiting || (channel != null && watch.lost())) {
            flushPending();
        }
        if (channel != null) {
            channel.close().awaitUninterruptibly(options.writeTimeout().toMillis());
            replay.release();
        }
        synchronized (this) {
            int lost = pending.stream().mapToInt(ReplayBuffer.Batch::records).sum();
            if (lost > 0) {
                meters.replayLost.increment(lost);
                log.warn("syslog sink {}: {} records written before the connection to {} broke could not be sent"
                        + " again before closing; the server may not have them", sinkName, lost, options.address());
            }
            pending.forEach(b -> b.frames().release());
            pending.clear();
        }
    }

    private void flushPending() {
        try {
            send(io.netty.buffer.Unpooled.EMPTY_BUFFER, 0).get(options.connectTimeout().toMillis()
                    + options.writeTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            log.debug("syslog sink {}: could not send the last records again: {}", sinkName, e.toString());
        }
    }
}
