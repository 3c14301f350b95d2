package dev.ncbridge.sink.syslog;

import io.netty.buffer.ByteBuf;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The batches written on one TCP or TLS connection in the last {@code replay_window}, at most
 * {@code replay_buffer} bytes of them (the newest batch is always kept), so that when the
 * connection breaks the ones the server may not have read can be sent again.
 *
 * <p>Why: syslog over TCP has no acknowledgement. A write completes once the bytes are in the
 * local socket buffer; if the server stops or dies, what it had not read yet is gone, and the
 * sender learns of the break only later. Sending again what was written shortly before the break
 * turns that loss into duplicates.
 *
 * <p>The buffer owns one reference to each batch's bytes. Written by the event loop, taken by the
 * sink's thread: methods are synchronized.
 */
final class ReplayBuffer {
    /** A batch of framed messages, as written. */
    record Batch(ByteBuf frames, int records, long writtenAtNanos) {
    }

    private final long windowNanos;
    private final long maxBytes;
    private final ArrayDeque<Batch> batches = new ArrayDeque<>();
    private long bytes;

    ReplayBuffer(long windowNanos, long maxBytes) {
        this.windowNanos = windowNanos;
        this.maxBytes = maxBytes;
    }

    /** Keeps a batch written at {@code nowNanos}, taking over the caller's reference to its bytes. */
    synchronized void add(ByteBuf frames, int records, long nowNanos) {
        if (windowNanos <= 0) {
            frames.release();
            return;
        }
        batches.addLast(new Batch(frames, records, nowNanos));
        bytes += frames.readableBytes();
        while (batches.size() > 1 && (bytes > maxBytes || batches.peekFirst().writtenAtNanos() < nowNanos - windowNanos)) {
            drop(batches.removeFirst());
        }
    }

    /**
     * Empties the buffer: returns, oldest first, the batches written within the window before
     * {@code lostAtNanos} (the caller now owns their references) and releases the rest.
     */
    synchronized List<Batch> takeRecent(long lostAtNanos) {
        List<Batch> recent = new ArrayList<>(batches.size());
        for (Batch b : batches) {
            if (b.writtenAtNanos() >= lostAtNanos - windowNanos) {
                recent.add(b);
            } else {
                b.frames().release();
            }
        }
        batches.clear();
        bytes = 0;
        return recent;
    }

    synchronized void release() {
        batches.forEach(b -> b.frames().release());
        batches.clear();
        bytes = 0;
    }

    private void drop(Batch b) {
        bytes -= b.frames().readableBytes();
        b.frames().release();
    }
}
