package dev.ncbridge.sink;

import dev.ncbridge.ingest.errors.InternalErrors;
import dev.ncbridge.ingest.record.Record;
import dev.ncbridge.sink.spool.Spool;
import dev.ncbridge.sink.spool.SpoolMetrics;
import dev.ncbridge.sink.spool.SpoolSettings;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.jctools.queues.MpmcArrayQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one sink: a queue bounded in records and bytes that any worker may offer to, and one
 * thread that takes batches from it (by count, bytes and linger time), hands them to the sink,
 * and retries what failed with backoff. Batches go one at a time, and a batch's retries before
 * anything newer, so records from one host reach the destination in the order they were routed.
 *
 * <p>With {@code overflow: spool} the memory queue stays the fast path while the sink keeps up.
 * When it falls behind (a write failed, a batch is slow, the queue is half full) this thread moves
 * the batch in flight and then the queue, oldest first, to the {@link Spool}, and delivers from the
 * spool until it is empty. Only this thread moves records, so their order is kept without any
 * lock on the producers' path; the spool's lock is shared with {@link #close} alone.
 *
 * <p>Every record offered is counted {@code accepted} and, at every moment, is sent, dropped,
 * failed, queued (in memory or in the batch in flight) or spooled.
 *
 * <p>The queue is multi-consumer so that {@code drop_oldest} can evict from the producer side.
 */
public final class SinkRunner {
    private static final Logger log = LoggerFactory.getLogger(SinkRunner.class);
    private static final long BLOCK_PARK_NANOS = TimeUnit.MICROSECONDS.toNanos(200);
    private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** How often the thread looks up from a write or a backoff to move records to the spool. */
    private static final long SPILL_EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    /** A batch in flight this long means the sink has fallen behind: it goes to the spool. */
    private static final long SLOW_BATCH_NANOS = TimeUnit.SECONDS.toNanos(1);
    /**
     * How many records {@link #fill} takes before it updates the queue's byte count, which until
     * then overstates the queue by at most this many records' bytes, a sliver of {@code queue_bytes}.
     */
    private static final int TAKEN_BYTES_EVERY = 64;
    /** The pause after an unexpected error, so that a persistent one does not spin. */
    private static final long ERROR_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final String name;
    private final Sink sink;
    private final RunnerSettings settings;
    private final RejectHandler rejects;
    private final MpmcArrayQueue<Record> queue;
    private final AtomicLong queuedBytes = new AtomicLong();
    private final long maxQueueBytes;
    private final SinkMetrics metrics;
    private final InternalErrors internalErrors;
    private final Backoff backoff;
    private final long lingerNanos;
    private final long maxBatchBytes;
    private final Thread thread;
    /** Producers inside {@link #offer}, so that {@link #stopAccepting} knows when none can still queue. */
    private final AtomicInteger offering = new AtomicInteger();
    private final SpoolMetrics spoolMetrics;
    /** Held while the spool is used: by the runner's thread, and by {@link #close} when that thread is stuck. */
    private final ReentrantLock spoolLock = new ReentrantLock();
    /** Guards the batch in flight between the runner's thread settling it and {@link #close} taking it over. */
    private final Object settleLock = new Object();
    private Spool spool;
    private volatile InFlight inFlight;
    private volatile boolean sleeping;
    /**
     * What wakes the sleeping thread: 1 record (and byte) when it waits for a batch to begin; the
     * batch's remaining room while it lingers, so that a filling batch is not woken for every
     * record. On a core shared with the receive loop and the decode workers, a wake-up per record
     * (a futex call, two context switches) cost more than the record's delivery.
     */
    private volatile int wakeAtRecords = 1;
    private volatile long wakeAtBytes = 1;
    private volatile boolean closing;
    private volatile long drainDeadlineNanos = Long.MAX_VALUE;
    private volatile boolean lastWriteFailed;
    private volatile boolean broken;
    private volatile boolean stopped;
    /** Set by {@link #close} once it accounted for what was left; the spool is closed then. */
    private boolean finished;

    public SinkRunner(String name, Sink sink, RunnerSettings settings, MeterRegistry registry, RejectHandler rejects) {
        this.name = name;
        this.sink = sink;
        this.settings = settings;
        this.rejects = rejects;
        this.queue = new MpmcArrayQueue<>(Math.max(2, settings.queueSize()));
        this.maxQueueBytes = settings.queueBytes().bytes();
        this.metrics = new SinkMetrics(registry, name, sink, this::queued, queue.capacity(), () -> healthy() ? 1 : 0);
        this.internalErrors = InternalErrorMeters.of(registry, "sink");
        this.spoolMetrics = settings.spool() == null ? null : new SpoolMetrics(registry, name);
        this.backoff = new Backoff(settings.retry().initialBackoff(), settings.retry().maxBackoff());
        this.lingerNanos = settings.batch().linger().toNanos();
        this.maxBatchBytes = settings.batch().maxBytes().bytes();
        this.thread = new Thread(this::run, "sink-" + name);
        this.thread.setDaemon(true);
        // The sink runs on this thread with its own class loader as the context one (ContextClassLoader says why).
        this.thread.setContextClassLoader(sink.getClass().getClassLoader());
    }

    public String name() {
        return name;
    }

    public RunnerSettings settings() {
        return settings;
    }

    /** Opens the spool (what an earlier run left goes first), starts the sink, then the thread that feeds it. */
    public void start() throws Exception {
        if (settings.spool() != null) {
            spool = Spool.open(settings.spool(), spoolMetrics);
        }
        try {
            ContextClassLoader.of(sink, () -> {
                sink.start();
                return null;
            });
        } catch (Exception e) {
            if (spool != null) {
                spool.close();
            }
            throw e;
        }
        thread.start();
    }

    /**
     * Queues a record, applying the overflow policy when the queue is full. Safe from any thread.
     *
     * @return whether the record was queued
     */
    public boolean offer(Record record) {
        offering.incrementAndGet();
        try {
            metrics.accepted(1);
            return queueAccepted(record);
        } finally {
            offering.decrementAndGet();
        }
    }

    /**
     * Queues {@code records[from, to)} in their order, each as {@link #offer(Record)} does. A decode
     * worker hands over the records of a pass at once, and what every offer counts (the producers
     * inside {@code offer}, the records accepted) is counted once for all of them
     * (docs/performance.md, "Fourteenth batch").
     */
    public void offer(List<Record> records, int from, int to) {
        offering.incrementAndGet();
        try {
            metrics.accepted(to - from);
            for (int i = from; i < to; i++) {
                queueAccepted(records.get(i));
            }
        } finally {
            offering.decrementAndGet();
        }
    }

    /** Queues one accepted record, or counts it dropped; a caller is counted in {@link #offering}. */
    private boolean queueAccepted(Record record) {
        if (stopped) {
            metrics.dropped(DropReason.SHUTDOWN, 1);
            return false;
        }
        long size = RecordSize.estimate(record);
        if (!enqueue(record, size) && !overflow(record, size)) {
            return false;
        }
        if (sleeping && batchDue()) {
            LockSupport.unpark(thread);
        }
        return true;
    }

    /** Queues within both bounds; one record always fits an empty queue, so no record is too large to pass. */
    private boolean enqueue(Record record, long size) {
        long total = queuedBytes.addAndGet(size);
        if ((total > maxQueueBytes && total != size) || !queue.offer(record)) {
            queuedBytes.addAndGet(-size);
            return false;
        }
        return true;
    }

    /** Whether the queue holds what the sleeping thread waits for. */
    private boolean batchDue() {
        return queue.size() >= wakeAtRecords || queuedBytes.get() >= wakeAtBytes;
    }

    private Record take() {
        Record r = queue.poll();
        if (r != null) {
            queuedBytes.addAndGet(-RecordSize.estimate(r));
        }
        return r;
    }

    private boolean overflow(Record record, long size) {
        switch (settings.overflow()) {
            case DROP_NEWEST:
                metrics.dropped(DropReason.QUEUE_FULL, 1);
                return false;
            case DROP_OLDEST:
                do {
                    if (take() != null) {
                        metrics.dropped(DropReason.EVICTED, 1);
                    }
                } while (!enqueue(record, size));
                return true;
            default:
                // block, and spool: the runner's thread moves the queue to disk and makes room.
                long start = System.nanoTime();
                try {
                    while (!enqueue(record, size)) {
                        if (stopped) {
                            metrics.dropped(DropReason.SHUTDOWN, 1);
                            return false;
                        }
                        LockSupport.unpark(thread);
                        LockSupport.parkNanos(BLOCK_PARK_NANOS);
                    }
                    return true;
                } finally {
                    metrics.blockedSeconds.increment((System.nanoTime() - start) / 1e9);
                }
        }
    }

    /** Healthy while the sink says so, its last write did not fail, and the runner is not failing. */
    public boolean healthy() {
        return !lastWriteFailed && !broken && sink.healthy();
    }

    /** Whether records are going to, or coming from, the spool rather than memory. */
    public boolean spooling() {
        return spoolMetrics != null && spoolMetrics.records() > 0;
    }

    /** Records in memory: the queue, and a batch in flight that is not in the spool. */
    private long queued() {
        InFlight f = inFlight;
        return queue.size() + (f == null || f.spooled ? 0 : f.pending.size());
    }

    /**
     * Refuses new records from now on (they are counted dropped, {@code shutdown}), releases producers
     * waiting for room, and returns once no producer can still queue one.
     */
    public void stopAccepting() {
        stopped = true;
        while (offering.get() > 0) {
            LockSupport.parkNanos(BLOCK_PARK_NANOS);
        }
    }

    /**
     * For a stop whose deadline came while producers still wait for room in the queue: a sink that
     * spools keeps accepting (its thread moves the queue to disk, so room comes, and it stops at
     * {@link #close}); any other {@link #stopAccepting stops accepting}, which releases them.
     */
    public void releaseWaitingProducers() {
        if (settings.overflow() != Overflow.SPOOL) {
            stopAccepting();
        }
    }

    /**
     * Stops accepting, delivers what is queued for at most {@code drain}, then closes the sink. What
     * is left then goes to the spool (spool sinks) or is counted dropped ({@code shutdown}). Returns
     * within {@code drain} and a second, whatever the sink does.
     */
    public void close(Duration drain) {
        long deadline = System.nanoTime() + drain.toNanos();
        stopAccepting();
        drainDeadlineNanos = deadline;
        closing = true;
        LockSupport.unpark(thread);
        try {
            if (thread.isAlive()) {
                thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                if (thread.isAlive()) {
                    thread.interrupt();
                    thread.join(1000);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        finish();
        try {
            sink.close();
        } catch (Exception e) {
            log.warn("sink {}: close failed: {}", name, e.toString());
        }
        log.info("sink {}: stopped; {}", name, metrics.account(spoolMetrics == null ? 0 : spoolMetrics.replayedCount(),
                queued(), spoolMetrics == null ? 0 : spoolMetrics.records()));
    }

    /** Takes over the batch in flight and the queue, spools them or counts them lost, closes the spool. */
    private void finish() {
        List<Record> left = new ArrayList<>();
        InFlight f;
        synchronized (settleLock) {
            f = inFlight;
            inFlight = null;
            if (f != null) {
                f.abandoned = true;
            }
        }
        if (f != null && !f.spooled) {
            // What the sink settled of it counts; the rest is left. A batch from the spool stays there.
            left.addAll(f.pending);
            count(f);
        }
        for (Record r = take(); r != null; r = take()) {
            left.add(r);
        }
        spoolLock.lock();
        try {
            finished = true;
            if (spool != null) {
                int spooled = spoolOnShutdown(left);
                left = left.subList(spooled, left.size());
            }
        } finally {
            spoolLock.unlock();
        }
        if (!left.isEmpty()) {
            metrics.dropped(DropReason.SHUTDOWN, left.size());
            log.warn("sink {}: {} records not delivered before the drain timeout", name, left.size());
        }
    }

    /** Appends what is left to the spool and closes it; returns how many of {@code left} it took. */
    private int spoolOnShutdown(List<Record> left) {
        int n = 0;
        try {
            for (Record r : left) {
                if (!spool.append(r)) {
                    break;
                }
                n++;
            }
            spool.close();
            if (n > 0) {
                log.info("sink {}: {} records spooled at shutdown", name, n);
            }
        } catch (IOException | RuntimeException e) {
            internalError("closing the spool", e);
        }
        return n;
    }

    private void run() {
        InFlight current = null;
        while (!closing || System.nanoTime() - drainDeadlineNanos < 0) {
            try {
                if (current == null) {
                    current = nextBatch();
                    if (current == null) {
                        return;
                    }
                }
                if (!deliver(current)) {
                    return; // out of drain time: close() takes the batch over
                }
                current = null;
                broken = false;
            } catch (InterruptedException e) {
                if (closing) {
                    return;
                }
            } catch (Throwable e) {
                broken = true;
                // An unsettled batch stays current and is tried again: nothing taken is left behind.
                if (inFlight != current) {
                    current = null;
                }
                internalError("delivering", e);
                LockSupport.parkNanos(this, ERROR_PAUSE_NANOS);
            }
        }
    }

    /** Counted and logged by the one policy for survivable errors; an error of the VM is rethrown, ending the thread. */
    private void internalError(String what, Throwable e) {
        internalErrors.caught("sink " + name + ", " + what, e);
    }

    /** The next batch: from the spool while it has records, else from the queue; null when closing and empty. */
    private InFlight nextBatch() throws IOException {
        if (spool != null) {
            spillIfBehind(null);
            spoolLock.lock();
            try {
                if (finished) {
                    return null;
                }
                if (spool.hasUnread()) {
                    return setInFlight(new InFlight(spool.read(settings.batch().maxRecords(), maxBatchBytes), true));
                }
            } finally {
                spoolLock.unlock();
            }
        }
        // Sized for what is queued: grown from ArrayList's default, a full batch of 1,000 records
        // went through thirteen arrays (2 % of the bytes the bridge allocated under a flood).
        List<Record> batch = new ArrayList<>(Math.min(settings.batch().maxRecords(), Math.max(16, queue.size())));
        return fill(batch) ? setInFlight(new InFlight(batch, false)) : null;
    }

    private InFlight setInFlight(InFlight f) {
        inFlight = f;
        return f;
    }

    /**
     * Fills the batch until it is full, its linger time is up, or the queue is empty at close.
     *
     * @return false when closing and nothing is left
     */
    private boolean fill(List<Record> batch) {
        int maxRecords = settings.batch().maxRecords();
        long bytes = 0;
        long started = 0;
        // The bytes of records taken but not yet off the queue's count: taken off every
        // TAKEN_BYTES_EVERY records, before a wait and at the end, not one atomic update per record.
        long taken = 0;
        try {
            while (batch.size() < maxRecords && bytes < maxBatchBytes) {
                Record r = queue.poll();
                if (r != null) {
                    if (batch.isEmpty()) {
                        started = System.nanoTime();
                    }
                    batch.add(r);
                    long size = RecordSize.estimate(r);
                    bytes += size;
                    taken += size;
                    if (batch.size() % TAKEN_BYTES_EVERY == 0) {
                        queuedBytes.addAndGet(-taken);
                        taken = 0;
                    }
                    continue;
                }
                if (closing) {
                    return !batch.isEmpty();
                }
                long wait = batch.isEmpty() ? IDLE_PARK_NANOS : lingerNanos - (System.nanoTime() - started);
                if (wait <= 0) {
                    return true;
                }
                // Half the queue at most, so that producers never find it full while the thread sleeps.
                wakeAtRecords = batch.isEmpty() ? 1 : Math.max(1, Math.min(maxRecords - batch.size(), queue.capacity() / 2));
                wakeAtBytes = batch.isEmpty() ? 1 : Math.max(1, Math.min(maxBatchBytes - bytes, maxQueueBytes / 2));
                if (taken != 0) {
                    queuedBytes.addAndGet(-taken);
                    taken = 0;
                }
                sleeping = true;
                if (!batchDue() && !closing) {
                    LockSupport.parkNanos(this, wait);
                }
                sleeping = false;
            }
            return true;
        } finally {
            if (taken != 0) {
                queuedBytes.addAndGet(-taken);
            }
        }
    }

    /**
     * Moves the queue to the spool when the sink has fallen behind, the batch in flight first (it is
     * older than anything queued). The spool is empty whenever a batch from memory is in flight,
     * because batches come from the spool while it has records, so the order holds.
     */
    private void spillIfBehind(InFlight current) throws IOException {
        spoolLock.lock();
        try {
            if (finished) {
                return;
            }
            boolean slow = current != null && System.nanoTime() - current.startedNanos > SLOW_BATCH_NANOS;
            boolean behind = lastWriteFailed || slow || !spool.isEmpty() || queue.size() * 2 >= queue.capacity()
                    || queuedBytes.get() * 2 >= maxQueueBytes;
            if (behind) {
                if (current != null && !current.spooled && !moveToSpool(current)) {
                    return;
                }
                spillQueue();
            }
            spool.tick();
        } finally {
            spoolLock.unlock();
        }
    }

    /**
     * Writes a batch from memory to the (empty) spool and marks its records there as read, so that
     * they leave the spool when the sink acknowledges them. False when they do not fit.
     */
    private boolean moveToSpool(InFlight f) throws IOException {
        synchronized (settleLock) {
            if (f.abandoned) {
                return false;
            }
            if (!spool.appendAll(f.pending)) {
                return false;
            }
            spool.commit();
            spool.read(f.pending.size(), Long.MAX_VALUE);
            f.spooled = true;
        }
        return true;
    }

    /** Moves queued records to the spool, applying {@code when_full} to those that do not fit. */
    private void spillQueue() throws IOException {
        int moved = 0;
        for (Record r = queue.peek(); r != null; r = queue.peek()) {
            if (!spool.append(r) && !whenFull(r)) {
                break; // when_full: block; the records wait in memory, then the producers wait
            }
            take();
            moved++;
        }
        if (moved > 0) {
            spool.commit();
        }
    }

    /** Applies {@code when_full} to a record that does not fit; true when it was spooled or dropped. */
    private boolean whenFull(Record r) throws IOException {
        SpoolSettings.WhenFull policy = settings.spool().whenFull();
        if (policy == SpoolSettings.WhenFull.BLOCK) {
            return false;
        }
        if (policy == SpoolSettings.WhenFull.DROP_OLDEST) {
            for (long lost = spool.evictOldest(); lost > 0; lost = spool.evictOldest()) {
                metrics.dropped(DropReason.EVICTED, lost);
                if (spool.append(r)) {
                    return true;
                }
            }
        }
        // drop_newest, or drop_oldest with every older segment in use
        metrics.dropped(DropReason.SPOOL_FULL, 1);
        return true;
    }

    /**
     * Writes the batch until every record is settled.
     *
     * @return false when the drain time ran out first, or {@link #finish} took the batch over
     */
    private boolean deliver(InFlight f) throws InterruptedException, IOException {
        int maxAttempts = settings.retry().maxAttempts();
        for (int attempt = 1; ; attempt++) {
            BatchResult result = writeAndWait(f);
            if (result == null) {
                return false;
            }
            synchronized (settleLock) {
                if (f.abandoned) {
                    return false;
                }
                lastWriteFailed = !result.retry().isEmpty();
                f.sent += f.pending.size() - result.retry().size() - result.rejected().size();
                result.rejected().forEach((i, reason) -> f.reject(f.pending.get(i), reason));
                List<Record> again = new ArrayList<>(result.retry().size());
                result.retry().forEach((i, reason) -> {
                    again.add(f.pending.get(i));
                    metrics.retried(reason, 1);
                });
                if (maxAttempts > 0 && attempt >= maxAttempts) {
                    again.forEach(r -> f.reject(r, SinkMetrics.RETRIES_EXHAUSTED));
                    again.clear();
                }
                f.pending = again;
                if (again.isEmpty()) {
                    inFlight = null;
                }
            }
            if (f.pending.isEmpty()) {
                settle(f);
                return true;
            }
            if (spool != null && !f.spooled) {
                spillIfBehind(f);
            }
            if (!sleepBeforeRetry(f, backoff.delayNanos(attempt))) {
                return false;
            }
        }
    }

    /**
     * Removes a settled batch from the spool when it came from there, then counts its records. A
     * spooled batch is counted only once the spool let go of it: until then its records are spooled.
     */
    private void settle(InFlight f) {
        if (f.spooled) {
            spoolLock.lock();
            try {
                if (finished) {
                    return; // the spool was closed with the records in it: they are spooled, and go again
                }
                spool.ack();
            } catch (IOException e) {
                // They stay read in the spool and leave it with the next acknowledgement.
                internalError("acknowledging spooled records", e);
                broken = true;
            } finally {
                spoolLock.unlock();
            }
        }
        count(f);
    }

    private void count(InFlight f) {
        metrics.sent(f.sent);
        for (int i = 0; i < f.rejected.size(); i++) {
            reject(f.rejected.get(i), f.reasons.get(i));
        }
    }

    /**
     * The sink's verdict on the batch, or null when the drain deadline passed first. While it
     * waits, it moves records to the spool when the sink has fallen behind.
     */
    private BatchResult writeAndWait(InFlight f) throws InterruptedException, IOException {
        long start = System.nanoTime();
        try {
            CompletableFuture<BatchResult> stage = sink.write(List.copyOf(f.pending)).toCompletableFuture();
            while (true) {
                long wait = SPILL_EVERY_NANOS;
                if (closing) {
                    wait = Math.min(wait, drainDeadlineNanos - System.nanoTime());
                    if (wait <= 0) {
                        return null;
                    }
                }
                try {
                    BatchResult result = stage.get(wait, TimeUnit.NANOSECONDS);
                    return result == null ? BatchResult.ok() : result;
                } catch (TimeoutException e) {
                    if (spool != null) {
                        spillIfBehind(f);
                    }
                }
            }
        } catch (ExecutionException e) {
            return retryAll(f.pending.size(), e.getCause());
        } catch (InterruptedException | IOException | VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            return retryAll(f.pending.size(), e);
        } finally {
            metrics.batchLatency.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    private BatchResult retryAll(int size, Throwable cause) {
        log.warn("sink {}: write of {} records failed, will retry: {}", name, size, String.valueOf(cause));
        BatchResult.Builder b = BatchResult.builder();
        for (int i = 0; i < size; i++) {
            b.retry(i, SinkMetrics.WRITE_FAILED);
        }
        return b.build();
    }

    /** Waits before a retry, spilling meanwhile; false when closing and the wait would pass the drain deadline. */
    private boolean sleepBeforeRetry(InFlight f, long nanos) throws InterruptedException, IOException {
        long until = System.nanoTime() + nanos;
        while (true) {
            long left = until - System.nanoTime();
            if (closing && until > drainDeadlineNanos) {
                return false;
            }
            if (left <= 0) {
                return true;
            }
            LockSupport.parkNanos(this, Math.min(left, SPILL_EVERY_NANOS));
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            if (spool != null) {
                spillIfBehind(f);
            }
        }
    }

    private void reject(Record record, String reason) {
        metrics.failed(reason, 1);
        try {
            rejects.rejected(name, record, reason);
        } catch (RuntimeException e) {
            log.warn("sink {}: dead-letter handling failed: {}", name, e.toString());
        }
    }

    /** A batch handed to the sink, until every record in it is settled. */
    private static final class InFlight {
        final long startedNanos = System.nanoTime();
        /** The records not yet settled. */
        volatile List<Record> pending;
        /** Whether the records are in the spool, read and waiting for the sink's acknowledgement. */
        volatile boolean spooled;
        /** Set by {@link #finish} when it took the batch over. */
        boolean abandoned;
        /** Records the sink acknowledged, counted when the batch is settled. */
        long sent;
        /** Records the sink will never take, with why, counted and handed on when the batch is settled. */
        final List<Record> rejected = new ArrayList<>();
        final List<String> reasons = new ArrayList<>();

        InFlight(List<Record> records, boolean spooled) {
            this.pending = records;
            this.spooled = spooled;
        }

        void reject(Record r, String reason) {
            rejected.add(r);
            reasons.add(reason);
        }
    }
}
