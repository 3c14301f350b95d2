package dev.ncbridge.sink.kafka;

import dev.ncbridge.sink.BatchResult;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Collects how each record of one batch went, from the producer's callbacks (on its I/O thread) or
 * from the runner's thread, and completes the batch's stage once every record is settled.
 */
final class BatchCompletion {
    private final AtomicReferenceArray<SendOutcome> failures;
    private final AtomicInteger unsettled;
    private final CompletableFuture<BatchResult> result = new CompletableFuture<>();

    BatchCompletion(int size) {
        this.failures = new AtomicReferenceArray<>(size);
        this.unsettled = new AtomicInteger(size);
        if (size == 0) {
            result.complete(BatchResult.ok());
        }
    }

    void delivered(int index) {
        settle();
    }

    void failed(int index, SendOutcome outcome) {
        failures.set(index, outcome);
        settle();
    }

    CompletableFuture<BatchResult> result() {
        return result;
    }

    private void settle() {
        if (unsettled.decrementAndGet() != 0) {
            return;
        }
        BatchResult.Builder b = BatchResult.builder();
        for (int i = 0; i < failures.length(); i++) {
            SendOutcome f = failures.get(i);
            if (f != null && f.retry()) {
                b.retry(i, f.reason());
            } else if (f != null) {
                b.reject(i, f.reason());
            }
        }
        result.complete(b.build());
    }
}
