package dev.ncbridge.ingest.receive;

import java.time.Instant;

/** Nanoseconds since the epoch, the time base of every record. */
public final class WallClock {
    private WallClock() {
    }

    public static long nowNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
