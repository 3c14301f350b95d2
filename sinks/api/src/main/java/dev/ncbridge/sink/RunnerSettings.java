package dev.ncbridge.sink;

import dev.ncbridge.config.DataSize;
import dev.ncbridge.sink.spool.SpoolSettings;
import java.time.Duration;
import java.util.Set;

/**
 * The keys every sink has, read by the runner rather than the sink.
 *
 * @param type the sink implementation
 * @param format record encoding: json, text or raw
 * @param original json only: also write the message as received, as {@code event.original}
 * @param queueSize records held in memory for the sink before the overflow policy applies
 * @param queueBytes the same bound in bytes, as {@link RecordSize} estimates them
 * @param overflow block, drop_newest, drop_oldest or spool
 * @param spool where and how records are spooled, exactly when {@code overflow} is spool
 * @param deadLetter a sink that receives the records this one rejects for good
 */
public record RunnerSettings(String type, String format, Boolean original, Integer queueSize, DataSize queueBytes, Overflow overflow,
                             SpoolSettings spool, Batching batch, Retry retry, String deadLetter) {
    /** The keys above, as written in the configuration. */
    public static final Set<String> KEYS = Set.of("type", "format", "original", "queue_size", "queue_bytes", "overflow", "spool",
            "batch", "retry", "dead_letter");
    /**
     * The runner's keys for a sink whose {@code format} is its own ({@link SinkProvider#ownsFormatKey()}):
     * without {@code format}, and without {@code original}, which only the json format writes.
     */
    public static final Set<String> KEYS_WITHOUT_FORMAT = KEYS.stream()
            .filter(k -> !k.equals("format") && !k.equals("original"))
            .collect(java.util.stream.Collectors.toUnmodifiableSet());

    public RunnerSettings {
        format = format == null ? "json" : format;
        original = original != null && original;
        queueSize = queueSize == null ? 10_000 : queueSize;
        queueBytes = queueBytes == null ? DataSize.parse("8MiB") : queueBytes;
        overflow = overflow == null ? Overflow.BLOCK : overflow;
        batch = batch == null ? new Batching(null, null, null) : batch;
        retry = retry == null ? new Retry(null, null, null) : retry;
        if (queueSize < 1) {
            throw new IllegalArgumentException("queue_size must be at least 1");
        }
        if (queueBytes.bytes() < 1) {
            throw new IllegalArgumentException("queue_bytes must be at least 1");
        }
        // The one check of the pair: bound from a configuration, the binder reports it at the key at fault.
        if ((overflow == Overflow.SPOOL) != (spool != null)) {
            throw new IllegalArgumentException(overflow == Overflow.SPOOL
                    ? "\"spool\" needs the spool key: spool: {dir: /var/lib/ncbridge/spool/<sink>}"
                    : "the spool key is only read with overflow: spool");
        }
    }

    /**
     * @param maxRecords records per batch at most
     * @param maxBytes approximate bytes per batch at most
     * @param linger how long a batch may wait to fill before it goes
     */
    public record Batching(Integer maxRecords, DataSize maxBytes, Duration linger) {
        public Batching {
            maxRecords = maxRecords == null ? 1000 : maxRecords;
            maxBytes = maxBytes == null ? DataSize.parse("1MiB") : maxBytes;
            linger = linger == null ? Duration.ofMillis(20) : linger;
            if (maxRecords < 1) {
                throw new IllegalArgumentException("max_records must be at least 1");
            }
        }
    }

    /**
     * @param initialBackoff wait before the first retry; doubled each time, with jitter
     * @param maxBackoff the longest wait between retries
     * @param maxAttempts attempts before a record is given up; 0 retries for ever
     */
    public record Retry(Duration initialBackoff, Duration maxBackoff, Integer maxAttempts) {
        public Retry {
            initialBackoff = initialBackoff == null ? Duration.ofMillis(100) : initialBackoff;
            maxBackoff = maxBackoff == null ? Duration.ofSeconds(30) : maxBackoff;
            maxAttempts = maxAttempts == null ? 0 : maxAttempts;
            if (initialBackoff.isZero() || initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
                throw new IllegalArgumentException("initial_backoff must be positive and no longer than max_backoff");
            }
            if (maxAttempts < 0) {
                throw new IllegalArgumentException("max_attempts must be 0 (for ever) or more");
            }
        }
    }
}
