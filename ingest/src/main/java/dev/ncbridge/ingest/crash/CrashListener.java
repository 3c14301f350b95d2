package dev.ncbridge.ingest.crash;

/** Where a {@link CrashCollector} puts what it finds. Called on the caller's thread, during the call. */
public interface CrashListener {
    /** A report has closed. */
    void report(CrashReport report);

    /** The source restarted, and its last words (no panic, no orderly shutdown) do not explain why. */
    void unexplainedRestart(UnexplainedRestart restart);

    /** Lines of a report were dropped because the report had reached its bounds. */
    void linesDropped(int lines);
}
