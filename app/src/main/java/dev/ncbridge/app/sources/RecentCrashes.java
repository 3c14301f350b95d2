package dev.ncbridge.app.sources;

import dev.ncbridge.ingest.record.CrashRecord;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The latest crash records of every source, for {@code /api/v1/crashes}: at most {@link #MAX}
 * summaries (each a few KiB at most, {@link CrashSummary}), the oldest forgotten first. Written by
 * the decode workers, read by the HTTP threads; the lock is held only to add or copy, never while
 * anything waits.
 */
final class RecentCrashes {
    static final int MAX = 100;

    private final ArrayDeque<CrashSummary> latest = new ArrayDeque<>(MAX);

    void add(CrashRecord c) {
        CrashSummary summary = CrashSummary.of(c);
        synchronized (latest) {
            if (latest.size() == MAX) {
                latest.removeFirst();
            }
            latest.addLast(summary);
        }
    }

    /** Newest first. */
    List<CrashSummary> newestFirst() {
        synchronized (latest) {
            List<CrashSummary> copy = new ArrayList<>(latest);
            Collections.reverse(copy);
            return copy;
        }
    }
}
