package dev.ncbridge.ingest.receive;

import dev.ncbridge.ingest.codec.NetconsoleDecoder;
import dev.ncbridge.ingest.errors.InternalErrors;
import dev.ncbridge.ingest.memory.ByteBudget;
import dev.ncbridge.ingest.record.Record;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.jctools.queues.MessagePassingQueue;
import org.jctools.queues.MpscArrayQueue;

/**
 * One decode thread: takes datagrams from its ring, decodes them with a decoder only it uses, and
 * hands the records on. Every source hashes to one worker, so per-source state needs no locks.
 * Timeouts (fragments, continuations, partial lines, loss) are checked every 100 ms.
 *
 * <p>The records of a pass over the ring are handed on together, in their order, at the pass's
 * end or when {@value #BATCH_MAX} have gathered: what routing and queueing a record updates once
 * per call (the router's reload slot, a sink's counts) is then updated once per batch. A batch
 * waits at most one pass, and its datagrams' ring memory is given back only after it went on.
 *
 * <p>While datagrams keep coming, the worker lets them gather in its ring for up to {@value
 * #GATHER_MILLIS} ms (or until {@link #GATHER_MAX} wait) instead of being woken for each one: with
 * the receive loop and the sinks on the same core, a wake-up per datagram (a futex call and two
 * context switches, a preempted receive loop) cost more than decoding it. Idle, the first datagram
 * wakes it at once.
 */
final class DecodeWorker implements Runnable {
    private static final long EXPIRE_EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final int DRAIN_LIMIT = 256;
    private static final long GATHER_MILLIS = 1;
    private static final long GATHER_NANOS = TimeUnit.MILLISECONDS.toNanos(GATHER_MILLIS);
    private static final int GATHER_MAX = 256;
    /** The most records handed on at once, which bounds a batch's memory. */
    private static final int BATCH_MAX = 256;

    private final MpscArrayQueue<Datagram> ring;
    private final ByteBudget ringMemory;
    private final InternalErrors errors;
    private final NetconsoleDecoder decoder;
    private final Consumer<List<Record>> out;
    /** The records decoded and not yet handed on. */
    private final List<Record> batch = new ArrayList<>(BATCH_MAX);
    private final Consumer<Record> gather = this::gather;
    /** Told after every pass of the loop, so that receivers stopped at a full ring read again. */
    private final Consumer<DecodeWorker> passDone;
    private final Thread thread;
    private final MessagePassingQueue.Consumer<Datagram> decodeOne = this::decode;
    /** Half the ring at most, so that a gathering worker wakes well before the ring is full. */
    private final int gatherWakeAt;
    private volatile boolean sleeping;
    /** Datagrams in the ring at which a receiver wakes the sleeping worker: 1 when idle, more while gathering. */
    private volatile int wakeAt = 1;
    private volatile boolean stopping;
    private volatile boolean running = true;
    private long nextExpireNanos;
    /** The ring memory of the datagrams taken in this pass, given back at its end in one update. */
    private long takenBytes;

    DecodeWorker(int index, int ringSize, ByteBudget ringMemory, NetconsoleDecoder decoder, Consumer<List<Record>> out,
                 InternalErrors errors, Consumer<DecodeWorker> passDone) {
        this.ring = new MpscArrayQueue<>(ringSize);
        this.gatherWakeAt = Math.min(GATHER_MAX, ring.capacity() / 2);
        this.ringMemory = ringMemory;
        this.errors = errors;
        this.decoder = decoder;
        this.out = out;
        this.passDone = passDone;
        this.thread = new Thread(this, "decode-" + index);
    }

    void start() {
        thread.start();
    }

    /** Queues a datagram from a receiver thread; false when the ring is full. */
    boolean offer(Datagram d) {
        if (!ring.offer(d)) {
            return false;
        }
        if (sleeping && due()) {
            LockSupport.unpark(thread);
        }
        return true;
    }

    int queued() {
        return ring.size();
    }

    int capacity() {
        return ring.capacity();
    }

    /** False once the thread ended by an error it cannot survive. */
    boolean running() {
        return running;
    }

    int sourceCount() {
        return decoder.sourceCount();
    }

    /** Asks the thread to decode what is queued, flush every source, and end. */
    void requestStop() {
        stopping = true;
        LockSupport.unpark(thread);
    }

    /** Waits at most {@code millis} for the thread to end; true when it has. */
    boolean awaitStop(long millis) throws InterruptedException {
        thread.join(Math.max(1, millis));
        return !thread.isAlive();
    }

    @Override
    public void run() {
        try {
            loop();
        } catch (Throwable t) {
            running = false; // only errors of the VM get here: decode() and the timers survive the rest
            throw t;
        }
    }

    private void loop() {
        nextExpireNanos = System.nanoTime() + EXPIRE_EVERY_NANOS;
        boolean busy = false;
        while (true) {
            int n = ring.drain(decodeOne, DRAIN_LIMIT);
            if (n > 0) {
                handOn();
                ringMemory.release(takenBytes);
                takenBytes = 0;
            }
            passDone.accept(this);
            long now = System.nanoTime();
            if (now - nextExpireNanos >= 0) {
                try {
                    decoder.expire(WallClock.nowNanos(), gather);
                } catch (Throwable t) {
                    errors.caught("timeouts not checked this time", t);
                }
                handOn();
                nextExpireNanos = now + EXPIRE_EVERY_NANOS;
            }
            if (n == 0) {
                if (stopping && ring.isEmpty()) {
                    try {
                        decoder.flushAll(WallClock.nowNanos(), gather);
                    } catch (Throwable t) {
                        errors.caught("sources not all flushed at stop", t);
                    }
                    handOn();
                    return;
                }
                waitForDatagrams(busy, now);
            }
            busy = n > 0;
        }
    }

    /** Sleeps until datagrams came (gathering for a while if the last pass decoded some) or the timers are due. */
    private void waitForDatagrams(boolean gather, long now) {
        long untilTimers = Math.max(0, nextExpireNanos - now);
        wakeAt = gather ? gatherWakeAt : 1;
        sleeping = true;
        if (!due() && !stopping) {
            LockSupport.parkNanos(this, Math.min(gather ? GATHER_NANOS : IDLE_PARK_NANOS, untilTimers));
        }
        sleeping = false;
    }

    /**
     * Whether the sleeping worker is to wake: enough datagrams gathered, or any while the rings
     * together hold half their memory budget, so that gathering never makes a receiver find it
     * spent.
     */
    private boolean due() {
        int queued = ring.size();
        return queued >= wakeAt || (queued > 0 && ringMemory.used() * 2 >= ringMemory.limit());
    }

    /**
     * The decoder counts bad input instead of throwing, so an error caught here is a bug (a
     * failing record consumer is caught where the batch is handed on); it is counted and the
     * worker goes on, unless the VM itself failed. Caught inline rather than through a wrapper so
     * that the per-datagram path allocates no lambda.
     */
    private void decode(Datagram d) {
        takenBytes += d.footprint();
        try {
            decoder.decodeOwned(d.data(), d.source(), d.receivedAtNanos(), gather);
        } catch (Throwable t) {
            errors.caught("datagram skipped", t);
        }
    }

    private void gather(Record r) {
        batch.add(r);
        if (batch.size() >= BATCH_MAX) {
            handOn();
        }
    }

    /**
     * Hands the batch on. An error here is a bug or a failing consumer, as in {@link #decode}: the
     * records of the batch not yet handed on are lost with it, the error counted.
     */
    private void handOn() {
        if (batch.isEmpty()) {
            return;
        }
        try {
            out.accept(batch);
        } catch (Throwable t) {
            errors.caught("records of a batch not handed on", t);
        } finally {
            batch.clear();
        }
    }
}
