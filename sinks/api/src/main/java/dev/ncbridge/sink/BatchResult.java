package dev.ncbridge.sink;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * How a batch went, record by record: everything not named here was written. Reasons become
 * metric tags, so a sink must use a small fixed set of them ({@code too_large}, {@code mapping}...).
 */
public final class BatchResult {
    private static final BatchResult OK = new BatchResult(Map.of(), Map.of());

    private final Map<Integer, String> retry;
    private final Map<Integer, String> rejected;

    private BatchResult(Map<Integer, String> retry, Map<Integer, String> rejected) {
        this.retry = retry;
        this.rejected = rejected;
    }

    public static BatchResult ok() {
        return OK;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Indexes into the batch of records to write again, with why, in the batch's order. */
    public Map<Integer, String> retry() {
        return retry;
    }

    /** Indexes into the batch of records the destination will never take, with why. */
    public Map<Integer, String> rejected() {
        return rejected;
    }

    public boolean isOk() {
        return retry.isEmpty() && rejected.isEmpty();
    }

    public static final class Builder {
        private final Map<Integer, String> retry = new TreeMap<>();
        private final Map<Integer, String> rejected = new TreeMap<>();

        public Builder retry(int index, String reason) {
            retry.put(index, reason);
            return this;
        }

        public Builder reject(int index, String reason) {
            rejected.put(index, reason);
            return this;
        }

        public BatchResult build() {
            // Sorted, so that retries keep the batch's order (Map.copyOf would not).
            return retry.isEmpty() && rejected.isEmpty() ? OK : new BatchResult(
                    Collections.unmodifiableSortedMap(new TreeMap<>(retry)),
                    Collections.unmodifiableSortedMap(new TreeMap<>(rejected)));
        }
    }
}
