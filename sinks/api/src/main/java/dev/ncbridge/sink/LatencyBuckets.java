package dev.ncbridge.sink;

import java.time.Duration;

/**
 * Histogram buckets for the sinks' latency timers. Histograms rather than summaries, so that
 * Prometheus can add them up over bridges and compute any quantile afterwards.
 */
public final class LatencyBuckets {
    private LatencyBuckets() {
    }

    /**
     * A batch settling: from stdout and files (under a millisecond) through syslog and Kafka (a few
     * milliseconds) to Elasticsearch bulk requests and a struggling destination (seconds).
     */
    public static Duration[] sinkBatch() {
        return millis(0.5, 1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000, 30_000);
    }

    /** A write to, or an fsync of, a spool file: tens of microseconds on a page cache, up to a slow disk's second. */
    public static Duration[] spoolIo() {
        return millis(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1_000);
    }

    private static Duration[] millis(double... bounds) {
        Duration[] buckets = new Duration[bounds.length];
        for (int i = 0; i < bounds.length; i++) {
            buckets[i] = Duration.ofNanos(Math.round(bounds[i] * 1_000_000));
        }
        return buckets;
    }
}
