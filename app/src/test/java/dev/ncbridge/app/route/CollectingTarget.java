package dev.ncbridge.app.route;

import dev.ncbridge.ingest.record.Record;
import java.util.ArrayList;
import java.util.List;

/** Keeps what it is offered, and the size of each run offered at once, for single-threaded tests. */
final class CollectingTarget implements RecordTarget {
    private final List<Record> received = new ArrayList<>();
    private final List<Integer> runs = new ArrayList<>();

    @Override
    public void offer(Record r) {
        received.add(r);
        runs.add(1);
    }

    @Override
    public void offer(List<Record> records, int from, int to) {
        received.addAll(records.subList(from, to));
        runs.add(to - from);
    }

    List<Record> received() {
        return received;
    }

    List<Integer> runs() {
        return runs;
    }
}
