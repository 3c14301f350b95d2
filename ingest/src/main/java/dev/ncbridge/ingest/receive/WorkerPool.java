package dev.ncbridge.ingest.receive;

import dev.ncbridge.ingest.codec.NetconsoleDecoder;
import dev.ncbridge.ingest.errors.InternalErrors;
import dev.ncbridge.ingest.memory.ByteBudget;
import dev.ncbridge.ingest.record.Record;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.LoggerFactory;

/**
 * The decode workers and the ring in front of each. A datagram goes to the worker its source's
 * address hashes to, so one worker sees all of a source's datagrams in arrival order, and all the
 * sources (ports) of one address live in one decoder, which can then bound them per address.
 * The rings are bounded in slots and, together, in bytes.
 */
public final class WorkerPool {
    private final List<DecodeWorker> workers = new ArrayList<>();
    private final ReceiveCounters counters;
    private final ByteBudget ringMemory;
    private final InternalErrors errors = new InternalErrors("decode", LoggerFactory.getLogger(DecodeWorker.class));

    /**
     * @param ringSize slots in all rings together, shared evenly between the workers
     * @param ringMemory bytes the datagrams waiting in all rings may hold
     * @param out receives every record; called from the worker threads concurrently
     */
    public WorkerPool(int workers, int ringSize, ByteBudget ringMemory, Supplier<NetconsoleDecoder> decoders,
                      Consumer<Record> out, ReceiveCounters counters) {
        this.counters = counters;
        this.ringMemory = ringMemory;
        int perWorker = Math.max(64, ringSize / workers);
        for (int i = 0; i < workers; i++) {
            this.workers.add(new DecodeWorker(i, perWorker, ringMemory, decoders.get(), out, errors));
        }
    }

    public void start() {
        workers.forEach(DecodeWorker::start);
    }

    /** Hands a datagram to its source's worker, or counts it dropped when the rings are full. */
    public void dispatch(Datagram d) {
        long footprint = d.footprint();
        if (!ringMemory.tryReserve(footprint)) {
            counters.drop(ReceiveCounters.Drop.RING_MEMORY);
            return;
        }
        if (!workers.get(shard(d.source())).offer(d)) {
            ringMemory.release(footprint);
            counters.drop(ReceiveCounters.Drop.RING_FULL);
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
