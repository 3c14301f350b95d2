package dev.ncbridge.ingest.crash;

import java.util.List;
import java.util.Objects;

/**
 * One kernel report (an oops, a panic, a warning, a lockup...) as one source sent it, gathered
 * from its lines and parsed. Immutable. Fields the report does not show are {@code null}.
 *
 * @param kind what the first recognised line says the report is
 * @param title the first line, without leading and trailing spaces
 * @param panicReason the text after {@code Kernel panic - not syncing: }, or null when the report
 *     has no panic line
 * @param rip the function the CPU was in, from the first {@code RIP:} (or {@code pc :}) line that
 *     names one; null for a panic that did not fault, whose only {@code RIP:} is user space
 * @param task the {@code Comm:} of the {@code CPU:} line: the task that was running
 * @param pid its {@code PID:}
 * @param cpu its {@code CPU:}
 * @param tainted the taint flags that are set, as letters ({@code "OE"}); empty for
 *     {@code Not tainted}; null without a {@code CPU:} line
 * @param release the kernel release from the {@code CPU:} line
 * @param hardware the {@code Hardware name:}
 * @param traceId the id in {@code ---[ end trace <id> ]---}
 * @param frames the first call trace, outermost frame last; unreliable ({@code ?}) frames included
 * @param span where in the source's stream the report's lines were
 * @param text every line kept, in order, joined with {@code \n}, as the kernel printed them
 * @param closeReason why the collector stopped adding lines
 * @param complete whether the report reached its end: false when it was cut by silence, a
 *     restart, a flush or a bound, or stopped inside an unfinished call trace
 */
public record CrashReport(
        CrashKind kind,
        String title,
        String panicReason,
        Frame rip,
        String task,
        Integer pid,
        Integer cpu,
        String tainted,
        String release,
        String hardware,
        String traceId,
        List<Frame> frames,
        Span span,
        String text,
        CloseReason closeReason,
        boolean complete) {

    public CrashReport {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(title, "title");
        frames = List.copyOf(frames);
        Objects.requireNonNull(span, "span");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(closeReason, "closeReason");
    }

    /** Whether the kernel said it would stop: the report has a panic line. */
    public boolean fatal() {
        return panicReason != null;
    }

    /**
     * One call trace frame: {@code [? ]function+0xoffset/0xsize [module]}.
     *
     * @param module the module in brackets, or null for the kernel proper
     * @param reliable false for frames the kernel marks {@code ?}: addresses found on the stack
     *     that the unwinder could not confirm were return addresses
     */
    public record Frame(String function, long offset, long size, String module, boolean reliable) {
        public Frame {
            Objects.requireNonNull(function, "function");
        }
    }

    /**
     * The first and last line of the report: seq (extended targets only, null on legacy ones),
     * kernel time in microseconds since boot (null when the lines carried none), and the time
     * the bridge received them (nanoseconds since the epoch).
     */
    public record Span(Long firstSeq, Long lastSeq, Long firstKernelTimeUs, Long lastKernelTimeUs,
                       long firstReceivedAtNanos, long lastReceivedAtNanos) {
    }
}
