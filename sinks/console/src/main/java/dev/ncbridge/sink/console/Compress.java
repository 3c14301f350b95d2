package dev.ncbridge.sink.console;

/** What happens to a file once it is rotated. */
enum Compress {
    /** Gzipped to {@code <file>.N.gz} on a background thread. */
    GZIP,
    /** Left as it is, {@code <file>.N}. */
    NONE
}
