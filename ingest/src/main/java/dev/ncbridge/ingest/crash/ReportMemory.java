package dev.ncbridge.ingest.crash;

/**
 * The bytes every collector of a process may keep in open reports, together: each report is
 * bounded by {@link CrashLimits}, but a fleet that crashes at once (a bad kernel rolled out)
 * opens a report on every source. A collector reserves each line's cost before it keeps the line
 * and releases a report's bytes when it lets the report go. The bridge passes its shared byte
 * budget; must be safe to call from every decode thread.
 */
public interface ReportMemory {
    /** No limit across reports: only each report's own bounds hold. For tests and tools. */
    ReportMemory PER_REPORT_BOUNDS_ONLY = new ReportMemory() {
        @Override
        public boolean tryReserve(long bytes) {
            return true;
        }

        @Override
        public void release(long bytes) {
        }
    };

    /** Reserves {@code bytes}; false when that would pass the limit. */
    boolean tryReserve(long bytes);

    /** Gives back bytes reserved earlier. */
    void release(long bytes);
}
