package dev.ncbridge.app.sources;

import dev.ncbridge.ingest.crash.CrashReport;
import dev.ncbridge.ingest.record.AddressText;
import dev.ncbridge.ingest.record.CrashRecord;
import java.time.Instant;

/**
 * A crash record as the API lists it: who, when, what, where in the stream; not the full text,
 * which went to the sinks. Its strings are cut to {@value #MAX_CHARS} characters, so a summary
 * takes at most a few KiB whatever the source sent.
 *
 * @param time when the report's first line arrived
 * @param kind {@code oops}, {@code panic}, {@code warning}... ({@code CrashKind})
 * @param title the report's first line
 * @param panicReason what the panic line said; null when the report has none
 * @param function the faulting function from {@code RIP:}; null when the report names none
 * @param task the task that was running; null when the report has no {@code CPU:} line
 * @param firstSeq the seq of the report's first line; null on legacy targets
 * @param lastSeq the seq of its last line kept
 * @param complete whether the report reached its end
 */
public record CrashSummary(String address, int port, String host, Instant time, String kind, String title,
                           String panicReason, String function, String task, Long firstSeq, Long lastSeq,
                           boolean complete) {
    static final int MAX_CHARS = 256;

    static CrashSummary of(CrashRecord c) {
        CrashReport r = c.report();
        return new CrashSummary(AddressText.of(c.source().getAddress()), c.source().getPort(), cut(c.hostName()),
                SourceStats.instant(r.span().firstReceivedAtNanos()), r.kind().wireName(), cut(r.title()),
                cut(r.panicReason()), r.rip() == null ? null : cut(r.rip().function()), cut(r.task()),
                r.span().firstSeq(), r.span().lastSeq(), r.complete());
    }

    private static String cut(String s) {
        return s == null || s.length() <= MAX_CHARS ? s : s.substring(0, MAX_CHARS);
    }
}
