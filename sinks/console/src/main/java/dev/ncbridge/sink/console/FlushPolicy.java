package dev.ncbridge.sink.console;

/** When the file sink hands its buffered lines to the operating system. */
enum FlushPolicy {
    /** After every batch: a batch is acknowledged only once the OS has its lines. */
    BATCH,
    /** After every record. */
    ALWAYS,
    /**
     * Only when a file's buffer fills, and at rotation and close: fewest system calls, but the
     * last lines of a quiet host may wait in memory, and are lost if the process dies.
     */
    NONE
}
