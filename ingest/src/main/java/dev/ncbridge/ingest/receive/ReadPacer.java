package dev.ncbridge.ingest.receive;

import java.util.concurrent.TimeUnit;

/**
 * Says how long a socket's reader pauses after a read cycle (one wake-up of its event loop, which
 * reads until the socket is empty or {@code cycleLimit} datagrams were taken), so that a busy
 * socket is read in few large cycles instead of one per datagram or two.
 *
 * <p>Woken for every datagram that finds the socket empty, the receive thread slept and woke (two
 * context switches, an {@code epoll_wait} and a {@code recvmmsg} call) every five or six datagrams
 * at 150k msg/s, and that cost more than the datagrams themselves. A pause lets datagrams gather
 * in the socket's buffer, which the next cycle then takes in full batches of {@code recvmmsg}.
 * The rule, with {@code now} passed in:
 *
 * <ul>
 *   <li>The first cycle after a quiet spell (none in the last two gather times) is not followed by
 *       a pause: one datagram now and then is read as soon as it comes.
 *   <li>A cycle that took its limit is not followed by one either: the socket holds more.
 *   <li>Otherwise the socket is busy: pause for the gather time ({@value #GATHER_MICROS} µs), or
 *       for less when, at the rate the last cycle saw, more than {@code gatherLimit} datagrams
 *       would arrive meanwhile, so that a small socket buffer never fills during a pause.
 * </ul>
 *
 * <p>Not thread-safe: each socket's event loop has its own.
 */
final class ReadPacer {
    static final long GATHER_MICROS = 1000;
    static final long GATHER_NANOS = TimeUnit.MICROSECONDS.toNanos(GATHER_MICROS);

    private final int cycleLimit;
    private final int gatherLimit;
    private long lastCycleEnd;
    private boolean quiet = true;

    /**
     * @param cycleLimit datagrams one read cycle takes at most
     * @param gatherLimit datagrams that may arrive during a pause (a fraction of what the socket
     *                    buffer holds)
     */
    ReadPacer(int cycleLimit, int gatherLimit) {
        if (cycleLimit < 1 || gatherLimit < 1) {
            throw new IllegalArgumentException("limits must be positive: " + cycleLimit + ", " + gatherLimit);
        }
        this.cycleLimit = cycleLimit;
        this.gatherLimit = gatherLimit;
    }

    /**
     * Datagrams that fit in a quarter of a socket buffer of {@code socketBufferBytes} (as the kernel
     * reports it, overheads included), counting each at 2 KiB: a 1,000-byte netconsole datagram from a
     * network card takes 1.3-2.3 KiB of buffer in the kernel's accounting, one from loopback less.
     */
    static int gatherLimitFor(int socketBufferBytes) {
        return Math.max(1, socketBufferBytes / 4 / 2048);
    }

    /**
     * Called when a read cycle ends.
     *
     * @param now the time it ended ({@link System#nanoTime})
     * @param datagrams how many it read
     * @return nanoseconds to pause before reading again; 0 to read again as soon as datagrams come
     */
    long afterCycle(long now, int datagrams) {
        long since = now - lastCycleEnd;
        boolean afterQuiet = quiet || since >= 2 * GATHER_NANOS;
        lastCycleEnd = now;
        quiet = false;
        if (afterQuiet || datagrams == 0 || datagrams >= cycleLimit) {
            return 0;
        }
        // The datagrams this cycle read came in since the last one ended: at that rate,
        // gatherLimit of them come in since * gatherLimit / datagrams.
        return Math.min(GATHER_NANOS, since * gatherLimit / datagrams);
    }
}
