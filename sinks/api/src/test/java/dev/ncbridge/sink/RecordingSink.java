package dev.ncbridge.sink;

import dev.ncbridge.ingest.record.Record;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** A sink that records the batches it is given and answers with a scripted result. */
class RecordingSink implements Sink {
    /** Every attempt, failed or still open ones included. */
    final List<List<Record>> batches = new CopyOnWriteArrayList<>();
    /** The batches answered ok: what was delivered, without the attempts of an outage that a retry repeats. */
    final List<List<Record>> acknowledged = new CopyOnWriteArrayList<>();
    volatile Function<List<Record>, CompletionStage<BatchResult>> answer =
            b -> CompletableFuture.completedFuture(BatchResult.ok());
    volatile boolean closed;

    @Override
    public CompletionStage<BatchResult> write(List<Record> batch) {
        batches.add(batch);
        return answer.apply(batch).thenApply(result -> {
            if (result.isOk()) {
                acknowledged.add(batch);
            }
            return result;
        });
    }

    List<String> messages() {
        return batches.stream().flatMap(List::stream).map(Record::message).toList();
    }

    List<String> acknowledgedMessages() {
        return acknowledged.stream().flatMap(List::stream).map(Record::message).toList();
    }

    @Override
    public void close() {
        closed = true;
    }
}
