package dev.ncbridge.ingest.crash;

import java.time.Duration;

/**
 * Timeouts and bounds of a {@link CrashCollector}.
 *
 * @param grace how long a report that has ended ({@code ---[ end trace}, or a panic whose output
 *     finished) waits for the lines the kernel prints after it: the register summary, the panic
 *     line, {@code Kernel Offset}
 * @param silence how long an unfinished report waits for its next line before it is closed as
 *     incomplete
 * @param maxLineGap kernel time between two lines of one report: the kernel prints a report in
 *     one burst, so a line printed later than this after the previous one starts something else
 * @param maxLines lines kept per report
 * @param maxBytes bytes of heap the kept lines may take per report (two bytes a character, which
 *     is what a string of non-Latin-1 text costs, plus each line's overhead)
 */
public record CrashLimits(Duration grace, Duration silence, Duration maxLineGap, int maxLines, int maxBytes) {
    /** Heap cost of one kept line besides its characters: the String, its array header, the list slot. */
    static final int LINE_OVERHEAD_BYTES = 48;

    public CrashLimits {
        for (Duration d : new Duration[] {grace, silence, maxLineGap}) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("crash timeouts must be positive: " + d);
            }
        }
        if (maxLines < 1 || maxBytes < LINE_OVERHEAD_BYTES) {
            throw new IllegalArgumentException("crash bounds too small: " + maxLines + " lines, " + maxBytes + " bytes");
        }
    }

    /** One instance, shared by every source's collector at the defaults. */
    private static final CrashLimits DEFAULTS =
            new CrashLimits(Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(1), 400, 64 * 1024);

    /** 2 s grace, 10 s silence, 1 s between lines, 400 lines, 64 KiB: a real oops is about 60 lines, 5 KiB. */
    public static CrashLimits defaults() {
        return DEFAULTS;
    }

    /** What one line costs against {@link #maxBytes}. */
    static int cost(String line) {
        return LINE_OVERHEAD_BYTES + 2 * line.length();
    }
}
