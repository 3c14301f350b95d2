package dev.ncbridge.sink;

import dev.ncbridge.ingest.record.Record;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** A sink that records the batches it is given and answers with a scripted result. */
class RecordingSink implements Sink {
    final List<List<Record>> batches = new CopyOnWriteArrayList<>();
    volatile Function<List<Record>, CompletionStage<BatchResult>> answer =
            b -> CompletableFuture.completedFuture(BatchResult.ok());
    volatile boolean closed;

    @Override
    public CompletionStage<BatchResult> write(List<Record> batch) {
        batches.add(batch);
        return answer.apply(batch);
    }

    List<String> messages() {
        return batches.stream().flatMap(List::stream).map(Record::message).toList();
    }

    @Override
    public void close() {
        closed = true;
    }
}
