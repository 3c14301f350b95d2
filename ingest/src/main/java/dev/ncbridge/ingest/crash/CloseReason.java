package dev.ncbridge.ingest.crash;

/** Why a {@link CrashCollector} stopped adding lines to a report. */
public enum CloseReason {
    /** The report's end marker arrived: {@code ---[ end trace}, {@code ---[ end Kernel panic}, an OOM kill. */
    END_MARKER("end_marker"),
    /** After a panic whose output had finished, nothing more came for the grace period. */
    PANIC_GRACE("panic_grace"),
    /** A message that is not part of the report arrived after it. */
    NEXT_MESSAGE("next_message"),
    /** Nothing came from the source for the silence timeout while the report was unfinished. */
    SILENCE("silence"),
    /** The report reached its bound on lines; the lines after it were dropped and counted. */
    LINE_LIMIT("line_limit"),
    /** The report reached its bound on bytes; the lines after it were dropped and counted. */
    BYTE_LIMIT("byte_limit"),
    /** The memory all open reports of the process may take was spent; the lines after it were dropped and counted. */
    MEMORY("memory"),
    /** The source's kernel restarted while the report was unfinished. */
    RESTART("restart"),
    /** The collector was flushed (shutdown, or the source forgotten). */
    FLUSH("flush");

    private final String wireName;

    CloseReason(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
