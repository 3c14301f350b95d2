package dev.ncbridge.app.route;

import dev.ncbridge.ingest.record.Record;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The router the decode workers use now, which a reload replaces. {@link #route} takes no lock:
 * it reads the published {@link Router} from a volatile field. {@link #publish} replaces it and
 * then waits until no thread is still routing with the one it replaced, so that a sink runner the
 * old router named can be drained knowing no record will be offered to it any more (a record
 * offered after its drain began would be counted dropped).
 *
 * <p>How it knows: every routing thread has its own slot, in which it writes the generation it
 * routes under before it reads the router, and {@link #IDLE} after. A writer that saw an old
 * generation is waited for; one that had not yet written reads the new router, since its write
 * comes before its read (a volatile write; the write of {@link #IDLE} after needs only release
 * order). Each slot has one writer, so this costs each call one uncontended fenced write, not a
 * shared counter every worker contends for (docs/performance.md, "Reloadable routes"); a decode
 * worker routes the records of a pass in one call.
 */
public final class LiveRouter {
    private static final long IDLE = -1;
    private static final long WAIT_PARK_NANOS = TimeUnit.MICROSECONDS.toNanos(100);

    private volatile Router current;
    private volatile long generation;
    /** Each routing thread's slot: the generation it routes under, or {@link #IDLE}. */
    private final Queue<AtomicLong> slots = new ConcurrentLinkedQueue<>();
    private final ThreadLocal<AtomicLong> slot = ThreadLocal.withInitial(() -> {
        AtomicLong s = new AtomicLong(IDLE);
        slots.add(s);
        return s;
    });

    public LiveRouter(Router first) {
        this.current = first;
    }

    public void route(Record r) {
        route(List.of(r), 0, 1);
    }

    /** Routes {@code records[from, to)} with one router, as {@link Router#route(List, int, int)} does. */
    public void route(List<Record> records, int from, int to) {
        if (from == to) {
            return;
        }
        AtomicLong mine = slot.get();
        mine.set(generation);
        try {
            current.route(records, from, to);
        } finally {
            mine.lazySet(IDLE);
        }
    }

    public Router current() {
        return current;
    }

    /** Records no route matched, over every router published. */
    public long unrouted() {
        return current.unrouted();
    }

    /**
     * Makes {@code next} the router and waits until no thread routes with the previous one.
     *
     * @return false if some thread still routed with the previous one at the deadline (it is
     *     waiting on a full {@code overflow: block} queue)
     */
    public synchronized boolean publish(Router next, long deadlineNanos) {
        current = next;
        long now = generation + 1;
        generation = now;
        for (AtomicLong s : slots) {
            long g;
            while ((g = s.get()) != IDLE && g < now) {
                if (System.nanoTime() - deadlineNanos > 0) {
                    return false;
                }
                LockSupport.parkNanos(WAIT_PARK_NANOS);
            }
        }
        return true;
    }
}
