package dev.ncbridge.ingest.crash;

/** Where a {@link CrashCollector} puts what it finds. Called on the caller's thread, during the call. */
public interface CrashListener {
    /** A report has closed. */
    void report(CrashReport report);

    /** The source restarted and its last words explain it by no panic and no orderly shutdown. */
    void unexplainedRestart(UnexplainedRestart restart);

    /** Lines of a report were dropped because the report had reached its bounds. */
    void linesDropped(int lines);
}
