package dev.ncbridge.sink;

import dev.ncbridge.ingest.record.Record;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.jctools.queues.MpmcArrayQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one sink: a bounded queue that any worker may offer to, and one thread that takes batches
 * from it (by count, bytes and linger time), hands them to the sink, and retries what failed with
 * backoff. Batches go one at a time, and a batch's retries before anything newer, so records
 * from one host reach the destination in the order they were routed.
 *
 * <p>The queue is multi-consumer so that {@code drop_oldest} can evict from the producer side.
 */
public final class SinkRunner {
    private static final Logger log = LoggerFactory.getLogger(SinkRunner.class);
    private static final long BLOCK_PARK_NANOS = TimeUnit.MICROSECONDS.toNanos(200);
    private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final String name;
    private final Sink sink;
    private final RunnerSettings settings;
    private final RejectHandler rejects;
    private final MpmcArrayQueue<Record> queue;
    private final SinkMetrics metrics;
    private final Backoff backoff;
    private final long lingerNanos;
    private final long maxBatchBytes;
    private final Thread thread;
    private volatile boolean sleeping;
    private volatile boolean closing;
    private volatile long drainDeadlineNanos = Long.MAX_VALUE;
    private volatile boolean lastWriteFailed;
    private volatile boolean stopped;

    public SinkRunner(String name, Sink sink, RunnerSettings settings, MeterRegistry registry, RejectHandler rejects) {
        this.name = name;
        this.sink = sink;
        this.settings = settings;
        this.rejects = rejects;
        this.queue = new MpmcArrayQueue<>(Math.max(2, settings.queueSize()));
        this.metrics = new SinkMetrics(registry, name, queue::size, queue.capacity(), () -> healthy() ? 1 : 0);
        this.backoff = new Backoff(settings.retry().initialBackoff(), settings.retry().maxBackoff());
        this.lingerNanos = settings.batch().linger().toNanos();
        this.maxBatchBytes = settings.batch().maxBytes().bytes();
        this.thread = new Thread(this::run, "sink-" + name);
        this.thread.setDaemon(true);
    }

    public String name() {
        return name;
    }

    public RunnerSettings settings() {
        return settings;
    }

    /** Starts the sink, then the thread that feeds it. */
    public void start() throws Exception {
        sink.start();
        thread.start();
    }

    /**
     * Queues a record, applying the overflow policy when the queue is full. Safe from any thread.
     *
     * @return whether the record was queued
     */
    public boolean offer(Record record) {
        if (stopped) {
            metrics.dropped("shutdown", 1);
            return false;
        }
        if (!queue.offer(record) && !overflow(record)) {
            return false;
        }
        metrics.accepted.increment();
        if (sleeping) {
            LockSupport.unpark(thread);
        }
        return true;
    }

    private boolean overflow(Record record) {
        switch (settings.overflow()) {
            case DROP_NEWEST:
                metrics.dropped("queue_full", 1);
                return false;
            case DROP_OLDEST:
                do {
                    if (queue.poll() != null) {
                        metrics.dropped("evicted", 1);
                    }
                } while (!queue.offer(record));
                return true;
            default:
                long start = System.nanoTime();
                try {
                    while (!queue.offer(record)) {
                        if (stopped) {
                            metrics.dropped("shutdown", 1);
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

    /** Healthy while the sink says so and its last write did not fail. */
    public boolean healthy() {
        return !lastWriteFailed && sink.healthy();
    }

    /**
     * Stops after delivering what is queued, waiting at most {@code drain}; what is still queued
     * or being retried then is dropped and counted (reason {@code shutdown}). Then closes the sink.
     */
    public void close(Duration drain) {
        drainDeadlineNanos = System.nanoTime() + drain.toNanos();
        closing = true;
        LockSupport.unpark(thread);
        try {
            if (thread.isAlive()) {
                thread.join(Math.max(1, drain.toMillis()));
                if (thread.isAlive()) {
                    thread.interrupt();
                    thread.join(1000);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stopped = true;
        int left = 0;
        while (queue.poll() != null) {
            left++;
        }
        if (left > 0) {
            metrics.dropped("shutdown", left);
            log.warn("sink {}: {} records not delivered before the drain timeout", name, left);
        }
        try {
            sink.close();
        } catch (Exception e) {
            log.warn("sink {}: close failed: {}", name, e.toString());
        }
    }

    private void run() {
        List<Record> batch = new ArrayList<>(settings.batch().maxRecords());
        try {
            while (!Thread.currentThread().isInterrupted()) {
                if (!fill(batch)) {
                    return;
                }
                if (!batch.isEmpty()) {
                    deliver(batch);
                    batch.clear();
                }
            }
        } catch (InterruptedException e) {
            countShutdownLoss(batch.size());
        } catch (RuntimeException e) {
            log.error("sink {}: runner stopped by an unexpected error", name, e);
            stopped = true;
        }
    }

    private void countShutdownLoss(int n) {
        if (n > 0) {
            metrics.dropped("shutdown", n);
        }
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
        while (batch.size() < maxRecords && bytes < maxBatchBytes) {
            Record r = queue.poll();
            if (r != null) {
                if (batch.isEmpty()) {
                    started = System.nanoTime();
                }
                batch.add(r);
                bytes += estimatedBytes(r);
                continue;
            }
            if (closing) {
                return !batch.isEmpty();
            }
            long wait = batch.isEmpty() ? IDLE_PARK_NANOS : lingerNanos - (System.nanoTime() - started);
            if (wait <= 0) {
                return true;
            }
            sleeping = true;
            if (queue.isEmpty() && !closing) {
                LockSupport.parkNanos(this, wait);
            }
            sleeping = false;
        }
        return true;
    }

    private static long estimatedBytes(Record r) {
        return 128L + r.message().length() + (r.raw() == null ? 0 : r.raw().length);
    }

    /** Writes the batch until every record is sent, rejected, out of attempts, or out of drain time. */
    private void deliver(List<Record> batch) throws InterruptedException {
        List<Record> pending = batch;
        int maxAttempts = settings.retry().maxAttempts();
        for (int attempt = 1; ; attempt++) {
            BatchResult result = writeAndWait(pending);
            if (result == null) {
                countShutdownLoss(pending.size());
                return;
            }
            lastWriteFailed = !result.retry().isEmpty();
            metrics.sent.increment(pending.size() - result.retry().size() - result.rejected().size());
            for (Map.Entry<Integer, String> rejected : result.rejected().entrySet()) {
                reject(pending.get(rejected.getKey()), rejected.getValue());
            }
            if (result.retry().isEmpty()) {
                return;
            }
            List<Record> again = new ArrayList<>(result.retry().size());
            for (Map.Entry<Integer, String> retry : result.retry().entrySet()) {
                again.add(pending.get(retry.getKey()));
                metrics.retried(retry.getValue(), 1);
            }
            pending = again;
            if (maxAttempts > 0 && attempt >= maxAttempts) {
                pending.forEach(r -> reject(r, "retries_exhausted"));
                return;
            }
            if (!sleepBeforeRetry(backoff.delayNanos(attempt))) {
                countShutdownLoss(pending.size());
                return;
            }
        }
    }

    /** The sink's verdict on the batch, or null when the drain deadline passed first. */
    private BatchResult writeAndWait(List<Record> batch) throws InterruptedException {
        long start = System.nanoTime();
        try {
            var stage = sink.write(List.copyOf(batch)).toCompletableFuture();
            BatchResult result = closing
                    ? stage.get(Math.max(0, drainDeadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS)
                    : stage.get();
            return result == null ? BatchResult.ok() : result;
        } catch (TimeoutException e) {
            return null;
        } catch (ExecutionException e) {
            return retryAll(batch.size(), e.getCause());
        } catch (RuntimeException e) {
            return retryAll(batch.size(), e);
        } finally {
            metrics.batchLatency.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    private BatchResult retryAll(int size, Throwable cause) {
        log.warn("sink {}: write of {} records failed, will retry: {}", name, size, String.valueOf(cause));
        BatchResult.Builder b = BatchResult.builder();
        for (int i = 0; i < size; i++) {
            b.retry(i, "error");
        }
        return b.build();
    }

    /** Waits before a retry; false when closing and the wait would pass the drain deadline. */
    private boolean sleepBeforeRetry(long nanos) throws InterruptedException {
        long until = System.nanoTime() + nanos;
        while (true) {
            long left = until - System.nanoTime();
            if (closing && until > drainDeadlineNanos) {
                return false;
            }
            if (left <= 0) {
                return true;
            }
            LockSupport.parkNanos(this, left);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }

    private void reject(Record record, String reason) {
        metrics.failed(reason);
        try {
            rejects.rejected(name, record, reason);
        } catch (RuntimeException e) {
            log.warn("sink {}: dead-letter handling failed: {}", name, e.toString());
        }
    }
}
