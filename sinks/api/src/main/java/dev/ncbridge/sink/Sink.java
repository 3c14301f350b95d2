package dev.ncbridge.sink;

import dev.ncbridge.ingest.record.Record;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * A destination for records. The {@link SinkRunner} around it owns queueing, batching, retries
 * and the overflow policy, so an implementation only writes batches and says how each went.
 *
 * <p>The runner calls {@link #write} from one thread and waits for each batch to settle before
 * the next, so a sink sees batches in order and needs no locking of its own for them.
 */
public interface Sink extends AutoCloseable {
    /** Opens connections or files. A sink that cannot start throws; the bridge then refuses to start. */
    default void start() throws Exception {
    }

    /**
     * Writes a batch. The stage completes when every record is settled: with {@link BatchResult#ok()}
     * or a result naming the records to retry and those rejected for good. A stage that completes
     * exceptionally means the whole batch is to be retried.
     */
    CompletionStage<BatchResult> write(List<Record> batch);

    /**
     * The reasons this sink's {@link BatchResult}s give for records to retry. Their counters then
     * exist at 0 from the start, so an alert on {@code increase(...)} sees the first burst; a reason
     * not listed still counts, from its first use.
     */
    default Set<String> retryReasons() {
        return Set.of();
    }

    /** The reasons this sink's {@link BatchResult}s give for records rejected for good; as {@link #retryReasons}. */
    default Set<String> rejectReasons() {
        return Set.of();
    }

    /** Whether the destination is reachable and accepting, for the readiness check. */
    default boolean healthy() {
        return true;
    }

    /** Flushes and releases everything; called once, after the last batch settled. */
    @Override
    void close() throws Exception;
}
