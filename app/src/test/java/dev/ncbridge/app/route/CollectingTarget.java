package dev.ncbridge.app.route;

import dev.ncbridge.ingest.record.Record;
import java.util.ArrayList;
import java.util.List;

/** Keeps what it is offered, for single-threaded tests. */
final class CollectingTarget implements RecordTarget {
    private final List<Record> received = new ArrayList<>();

    @Override
    public void offer(Record r) {
        received.add(r);
    }

    List<Record> received() {
        return received;
    }
}
