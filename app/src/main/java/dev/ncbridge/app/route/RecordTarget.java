package dev.ncbridge.app.route;

import dev.ncbridge.ingest.record.Record;
import java.util.List;

/**
 * Where the router delivers a record: in the running bridge, a sink's runner. Called from several
 * decode workers at once, so an implementation must be thread-safe and must not block.
 */
@FunctionalInterface
public interface RecordTarget {
    void offer(Record r);

    /**
     * Offers {@code records[from, to)} in their order. A sink's runner takes them in one step, so
     * that what it counts per offer is counted once for all of them.
     */
    default void offer(List<Record> records, int from, int to) {
        for (int i = from; i < to; i++) {
            offer(records.get(i));
        }
    }
}
