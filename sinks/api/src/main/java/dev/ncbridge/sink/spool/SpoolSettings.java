package dev.ncbridge.sink.spool;

import dev.ncbridge.config.DataSize;
import java.time.Duration;

/**
 * A sink's {@code spool:} keys, for {@code overflow: spool}.
 *
 * @param dir the directory the spool's segment files live in; one sink's only
 * @param maxSize the disk the spool may use at most
 * @param sync when written records are forced to disk
 * @param syncInterval how often {@code sync: interval} forces them
 * @param whenFull what happens to a record when the spool is at {@code max_size}
 */
public record SpoolSettings(String dir, DataSize maxSize, Sync sync, Duration syncInterval, WhenFull whenFull) {
    public SpoolSettings {
        if (dir == null || dir.isBlank()) {
            throw new IllegalArgumentException("dir is required: the directory the spool's files live in");
        }
        maxSize = maxSize == null ? DataSize.parse("1GiB") : maxSize;
        sync = sync == null ? Sync.BATCH : sync;
        syncInterval = syncInterval == null ? Duration.ofSeconds(1) : syncInterval;
        whenFull = whenFull == null ? WhenFull.BLOCK : whenFull;
        if (maxSize.bytes() < Spool.MIN_MAX_SIZE) {
            throw new IllegalArgumentException("max_size must be at least 1MiB");
        }
        if (syncInterval.isNegative() || syncInterval.isZero()) {
            throw new IllegalArgumentException("sync_interval must be positive");
        }
    }

    /** When records written to the spool are forced to disk (fsync). */
    public enum Sync {
        /** Every group of records written together is forced before it counts as spooled. */
        BATCH,
        /** Forced every {@code sync_interval}: a power cut loses at most that much. */
        INTERVAL,
        /** Left to the operating system: a process crash loses nothing, a power cut may. */
        NONE
    }

    /** What happens to a record that does not fit in the spool. */
    public enum WhenFull {
        /** Records wait in memory, then the router waits: back pressure, as {@code overflow: block}. */
        BLOCK,
        /** The oldest spooled segment is deleted and its records counted {@code evicted}. */
        DROP_OLDEST,
        /** The record is dropped and counted {@code spool_full}. */
        DROP_NEWEST
    }
}
