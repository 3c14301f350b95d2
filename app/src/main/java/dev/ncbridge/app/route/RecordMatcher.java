package dev.ncbridge.app.route;

import dev.ncbridge.ingest.record.Record;

/** One test a route applies to a record. Implementations are immutable and safe to share between threads. */
@FunctionalInterface
interface RecordMatcher {
    /** What a route without {@code match} uses: every record, events included. */
    RecordMatcher ANY = r -> true;

    boolean matches(Record r);
}
