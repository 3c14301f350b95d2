package dev.ncbridge.ingest.receive;

import dev.ncbridge.ingest.codec.NetconsoleDecoder;
import dev.ncbridge.ingest.errors.InternalErrors;
import dev.ncbridge.ingest.memory.ByteBudget;
import dev.ncbridge.ingest.record.Record;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.LoggerFactory;

/**
 * The decode workers and the ring in front of each. A datagram goes to the worker its source's
 * address hashes to, so one worker sees all of a source's datagrams in arrival order, and all the
 * sources (ports) of one address live in one decoder, which can then bound them per address.
 * The rings are bounded in slots and, together, in bytes.
 *
 * <p>A receiver that finds a ring full keeps the datagrams it holds and stops reading its socket
 * until the workers have made room ({@link #resumeWhenRoom}); then it offers what it kept first.
 * So a full ring loses nothing: on a machine with fewer cores than threads, reading on would only
 * take the core from the workers that make room. Meanwhile the socket's own buffer
 * (receive.socket_buffer) holds what comes, and what overflows it the kernel drops at no cost and
 * counts (ncbridge_kernel_udp_drops).
 */
public final class WorkerPool {
    private final List<DecodeWorker> workers = new ArrayList<>();
    private final ByteBudget ringMemory;
    private final InternalErrors errors = new InternalErrors("decode", LoggerFactory.getLogger(DecodeWorker.class));
    /** What restarts each receiver that stopped reading at a full ring. */
    private final Queue<Runnable> paused = new ConcurrentLinkedQueue<>();
    private volatile boolean anyPaused;

    /**
     * @param ringSize slots in all rings together, shared evenly between the workers
     * @param ringMemory bytes the datagrams waiting in all rings may hold
     * @param out receives every record, a worker's in batches in their order (a batch is the
     *     worker's, reused once {@code out} returns); called from the worker threads concurrently
     */
    public WorkerPool(int workers, int ringSize, ByteBudget ringMemory, Supplier<NetconsoleDecoder> decoders,
                      Consumer<List<Record>> out) {
        this.ringMemory = ringMemory;
        int perWorker = Math.max(64, ringSize / workers);
        for (int i = 0; i < workers; i++) {
            this.workers.add(new DecodeWorker(i, perWorker, ringMemory, decoders.get(), out, errors, this::roomMade));
        }
    }

    public void start() {
        workers.forEach(DecodeWorker::start);
    }

    /**
     * Hands a datagram to its source's worker unless the rings are full, in slots or in bytes. Counts
     * nothing: the receiver keeps a datagram refused, stops reading and {@link #resumeWhenRoom}, and
     * counts it dropped only if its socket closes before there is room.
     *
     * @return null when a worker took it, otherwise why it could not
     */
    public ReceiveCounters.Drop offer(Datagram d) {
        long footprint = d.footprint();
        if (!ringMemory.tryReserve(footprint)) {
            return ReceiveCounters.Drop.RING_MEMORY;
        }
        if (!workers.get(shard(d.source())).offer(d)) {
            ringMemory.release(footprint);
            return ReceiveCounters.Drop.RING_FULL;
        }
        return null;
    }

    /**
     * Runs {@code resume} once there is room again: a worker's ring at most half full, and the
     * rings' memory at most half spent (so that a receiver refused for bytes does not resume and
     * stop again at every batch). A worker checks after every batch it decodes and, when idle, at
     * least every 50 ms, so a receiver is never left stopped while the rings are empty.
     */
    public void resumeWhenRoom(Runnable resume) {
        paused.add(resume);
        anyPaused = true;
    }

    /** Called by each worker between batches. */
    private void roomMade(DecodeWorker worker) {
        if (!anyPaused || worker.queued() > worker.capacity() / 2 || ringMemory.used() > ringMemory.limit() / 2) {
            return;
        }
        anyPaused = false;
        for (Runnable resume; (resume = paused.poll()) != null; ) {
            try {
                resume.run();
            } catch (RuntimeException e) {
                // Runs on the worker's thread, which must outlive a receiver that cannot be restarted.
                errors.caught("a receiver stopped at a full ring was not restarted", e);
            }
        }
    }

    int shard(InetSocketAddress source) {
        int h = source.getAddress().hashCode();
        h ^= h >>> 16;
        return Math.floorMod(h * 0x9E3779B9, workers.size());
    }

    /** Datagrams waiting in all rings. */
    public int queued() {
        return workers.stream().mapToInt(DecodeWorker::queued).sum();
    }

    public int capacity() {
        return workers.stream().mapToInt(DecodeWorker::capacity).sum();
    }

    /** Whether every worker is running: false once one stopped for good (an error of the VM). */
    public boolean healthy() {
        return workers.stream().allMatch(DecodeWorker::running);
    }

    /** Errors the workers caught and went on after. */
    public InternalErrors errors() {
        return errors;
    }

    /** Sources the decoders hold state for. Read without locking: a close estimate. */
    public int sourceCount() {
        return workers.stream().mapToInt(DecodeWorker::sourceCount).sum();
    }

    /**
     * Decodes what every ring holds, flushes every source, then stops the workers. All stop at
     * once, so {@code timeoutMillis} bounds the whole stop, not each worker.
     *
     * @return whether every worker ended in time (one waiting on a full sink queue may not)
     */
    public boolean stop(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        workers.forEach(DecodeWorker::requestStop);
        boolean all = true;
        for (DecodeWorker w : workers) {
            all &= w.awaitStop(TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
        }
        return all;
    }
}
