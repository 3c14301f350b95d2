package dev.ncbridge.ingest.receive;

import dev.ncbridge.ingest.codec.NetconsoleDecoder;
import dev.ncbridge.ingest.record.Record;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The decode workers and the ring in front of each. A datagram goes to the worker its source
 * hashes to, so one worker sees all of a source's datagrams in arrival order.
 */
public final class WorkerPool {
    private final List<DecodeWorker> workers = new ArrayList<>();
    private final ReceiveCounters counters;

    /**
     * @param ringSize slots in all rings together, shared evenly between the workers
     * @param out receives every record; called from the worker threads concurrently
     */
    public WorkerPool(int workers, int ringSize, Supplier<NetconsoleDecoder> decoders, Consumer<Record> out,
                      ReceiveCounters counters) {
        this.counters = counters;
        int perWorker = Math.max(64, ringSize / workers);
        for (int i = 0; i < workers; i++) {
            this.workers.add(new DecodeWorker(i, perWorker, decoders.get(), out));
        }
    }

    public void start() {
        workers.forEach(DecodeWorker::start);
    }

    /** Hands a datagram to its source's worker, or counts it dropped when that ring is full. */
    public void dispatch(Datagram d) {
        if (!workers.get(shard(d.source())).offer(d)) {
            counters.drop(ReceiveCounters.Drop.RING_FULL);
        }
    }

    int shard(InetSocketAddress source) {
        int h = source.hashCode();
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
