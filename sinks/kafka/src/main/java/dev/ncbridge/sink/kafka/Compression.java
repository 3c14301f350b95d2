package dev.ncbridge.sink.kafka;

import java.util.Locale;

/** The producer's batch compression ({@code compression.type}). */
enum Compression {
    ZSTD, LZ4, SNAPPY, GZIP, NONE;

    /** The value of the producer's {@code compression.type}. */
    String producerValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
