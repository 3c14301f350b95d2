package dev.ncbridge.app.route;

import dev.ncbridge.ingest.record.Record;
import dev.ncbridge.sink.SinkRunner;
import java.util.List;

/** A sink's runner as the router's target: a run of records is queued in one step. */
public record RunnerTarget(SinkRunner runner) implements RecordTarget {
    @Override
    public void offer(Record r) {
        runner.offer(r);
    }

    @Override
    public void offer(List<Record> records, int from, int to) {
        runner.offer(records, from, to);
    }
}
