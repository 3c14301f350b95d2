package dev.ncbridge.sink.console;

import java.time.Clock;

/** Lets a repeated warning through at most once per interval, counting the ones held back. */
final class WarningThrottle {
    private final Clock clock;
    private final long intervalMillis;
    private long nextMillis = Long.MIN_VALUE;
    private long heldBack;

    WarningThrottle(Clock clock, long intervalMillis) {
        this.clock = clock;
        this.intervalMillis = intervalMillis;
    }

    /**
     * @return -1 to stay quiet, else how many warnings were held back since the last one let through
     */
    long tryWarn() {
        long now = clock.millis();
        if (now < nextMillis) {
            heldBack++;
            return -1;
        }
        nextMillis = now + intervalMillis;
        long n = heldBack;
        heldBack = 0;
        return n;
    }
}
