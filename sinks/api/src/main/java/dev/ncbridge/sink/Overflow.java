package dev.ncbridge.sink;

/** What happens to a record when a sink's queue is full. */
public enum Overflow {
    /** The router waits for room: nothing is dropped here, and back pressure reaches the receivers. */
    BLOCK,
    /** The new record is dropped and counted; what is queued goes out first. */
    DROP_NEWEST,
    /** The oldest queued record is dropped and counted to make room: the latest messages matter most. */
    DROP_OLDEST,
    /** Records go to disk when the sink falls behind, and survive a crash there (the {@code spool} key). */
    SPOOL
}
