package dev.ncbridge.sink.syslog;

import dev.ncbridge.ingest.record.Record;
import dev.ncbridge.sink.BatchResult;
import dev.ncbridge.sink.Sink;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * Sends each record as a syslog message (RFC 5424 or RFC 3164) over UDP, TCP or TLS.
 *
 * <p>Records are formatted on the runner's thread into one buffer per batch (a list of datagrams
 * for UDP) and handed to a Netty event loop of the sink's own. A batch that cannot be written
 * fails as a whole and the runner retries it; over TCP and TLS, batches written shortly before a
 * connection broke are sent again ({@link StreamClient}). Over UDP a record whose header alone
 * exceeds {@code max_message_size} is rejected ({@code too_large}).
 */
final class SyslogSink implements Sink {
    /** The reject reason of a record too large for one UDP datagram. */
    private static final String TOO_LARGE = "too_large";
    private final String name;
    private final SyslogOptions options;
    private final MeterRegistry registry;
    private final MessageFormatter formatter;
    private final ByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;
    private EventLoopGroup group;
    private SyslogMeters meters;
    private StreamClient stream;
    private StreamFramer framer;
    private UdpSender udp;
    private DatagramPacker packer;

    SyslogSink(String name, SyslogOptions options, MeterRegistry registry) {
        this.name = name;
        this.options = options;
        this.registry = registry;
        this.formatter = MessageFormatter.of(options);
    }

    /**
     * Reads the TLS files and opens the UDP socket; both fail the start with a message naming the
     * problem. The server need not be up: TCP and TLS connect with the first batch.
     */
    @Override
    public void start() throws Exception {
        meters = new SyslogMeters(registry, name);
        group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("syslog-" + name, true),
                NetTransport.ioHandlerFactory());
        try {
            if (options.transport().isStream()) {
                var ssl = options.transport() == Transport.TLS ? TlsContexts.client(options.tls()) : null;
                stream = new StreamClient(name, options, group, ssl, meters);
                framer = new StreamFramer(formatter, options.framing());
            } else {
                udp = new UdpSender(name, options.address(), group);
                packer = new DatagramPacker(formatter, options.maxMessageSize(), options.oversize());
            }
        } catch (Exception e) {
            close();
            throw new Exception("syslog sink " + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public CompletionStage<BatchResult> write(List<Record> batch) {
        return stream != null ? writeStream(batch) : writeUdp(batch);
    }

    private CompletionStage<BatchResult> writeStream(List<Record> batch) {
        ByteBuf frames = alloc.buffer(batch.size() * 256);
        try {
            for (Record r : batch) {
                framer.frame(r, frames);
            }
        } catch (RuntimeException e) {
            frames.release();
            throw e;
        }
        return stream.send(frames, batch.size()).thenApply(v -> BatchResult.ok());
    }

    private CompletionStage<BatchResult> writeUdp(List<Record> batch) {
        List<ByteBuf> datagrams = new ArrayList<>(batch.size());
        BatchResult.Builder result = BatchResult.builder();
        long bytes = 0;
        try {
            for (int i = 0; i < batch.size(); i++) {
                switch (packer.pack(batch.get(i), alloc, datagrams)) {
                    case TRUNCATED -> meters.truncated.increment();
                    case SPLIT -> meters.split.increment();
                    case TOO_LARGE -> result.reject(i, TOO_LARGE);
                    case WHOLE -> {
                        // the common case
                    }
                }
            }
        } catch (RuntimeException e) {
            datagrams.forEach(ByteBuf::release);
            throw e;
        }
        for (ByteBuf d : datagrams) {
            bytes += d.readableBytes();
        }
        long sent = bytes;
        return udp.send(datagrams).thenApply(v -> {
            meters.bytesWritten.increment(sent);
            return result.build();
        });
    }

    @Override
    public Set<String> rejectReasons() {
        return Set.of(TOO_LARGE);
    }

    @Override
    public boolean healthy() {
        return stream == null || stream.healthy();
    }

    /** Sends what waits to be sent again (TCP, TLS), closes the socket and stops the event loop. */
    @Override
    public void close() {
        try {
            if (stream != null) {
                stream.close();
            }
            if (udp != null) {
                udp.close();
            }
        } finally {
            if (group != null) {
                group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
            }
            if (meters != null) {
                meters.remove();
            }
        }
    }

    /** For tests: the result of {@code write} as a future. */
    CompletableFuture<BatchResult> writeNow(List<Record> batch) {
        return write(batch).toCompletableFuture();
    }
}
