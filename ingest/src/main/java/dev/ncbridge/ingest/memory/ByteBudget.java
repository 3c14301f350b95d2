package dev.ncbridge.ingest.memory;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A limit in bytes on one kind of buffered data, shared by every thread that buffers it. A holder
 * reserves before it keeps bytes and releases when it lets them go; a reservation past the limit
 * is refused and counted, and the holder then sheds what it holds (or drops what it was given) and
 * counts why. Lock-free: one compare-and-set per reservation.
 */
public final class ByteBudget {
    private final String name;
    private final long limit;
    private final AtomicLong used = new AtomicLong();
    private final LongAdder refusals = new LongAdder();

    public ByteBudget(String name, long limit) {
        if (limit < 0) {
            throw new IllegalArgumentException(name + ": the limit must not be negative: " + limit);
        }
        this.name = name;
        this.limit = limit;
    }

    /** Reserves {@code bytes}; false (and counted) when that would pass the limit. */
    public boolean tryReserve(long bytes) {
        long before;
        do {
            before = used.get();
            if (before + bytes > limit) {
                refusals.increment();
                return false;
            }
        } while (!used.compareAndSet(before, before + bytes));
        return true;
    }

    /** Gives back bytes reserved earlier. */
    public void release(long bytes) {
        used.addAndGet(-bytes);
    }

    public String name() {
        return name;
    }

    public long limit() {
        return limit;
    }

    public long used() {
        return used.get();
    }

    /** Reservations refused because the budget was spent. */
    public long refusals() {
        return refusals.sum();
    }
}
