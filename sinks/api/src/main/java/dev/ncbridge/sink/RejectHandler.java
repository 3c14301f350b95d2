package dev.ncbridge.sink;

import dev.ncbridge.ingest.record.Record;

/** Receives the records a sink gave up on, for a dead-letter sink. Called on the runner's thread. */
@FunctionalInterface
public interface RejectHandler {
    RejectHandler NONE = (sink, record, reason) -> { };

    void rejected(String sink, Record record, String reason);
}
