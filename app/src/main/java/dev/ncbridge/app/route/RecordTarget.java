package dev.ncbridge.app.route;

import dev.ncbridge.ingest.record.Record;

/**
 * Where the router delivers a record: in the running bridge, a sink's runner. Called from several
 * decode workers at once, so an implementation must be thread-safe and must not block.
 */
@FunctionalInterface
public interface RecordTarget {
    void offer(Record r);
}
