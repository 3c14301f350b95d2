package dev.ncbridge.ingest.crash;

import dev.ncbridge.ingest.memory.ByteBudget;
import java.util.Objects;

/**
 * Gathers one source's kernel reports from its messages, the way netconsd's {@code ncrx} gathers
 * messages from datagrams: pure, no I/O and no clock. It is fed every message of the source in
 * arrival order with its receive time, and {@link #expire} is called at {@link #deadlineNanos()};
 * finished reports and unexplained restarts go to the {@link CrashListener} passed with each call.
 *
 * <p>A report starts at a line {@link CrashPatterns#startKind} recognises and takes the lines
 * that belong to it (see docs/protocol.md, "Kernel crash reports"): anything up to
 * {@code Call Trace:}; then frames, stack markers and register lines; after
 * {@code ---[ end trace} only the register summary and the panic lines; after a panic line,
 * everything the dying kernel prints. It closes at its end
 * marker, at the first line that does not belong, after the grace once it has finished, after
 * the silence timeout otherwise, or at its bounds; the lines that belong to a report cut at its
 * bounds are dropped and counted until it ends.
 *
 * <p>It also keeps the source's last words: the last message, and whether the boot ended with a
 * panic or an orderly {@code reboot:}. {@link #restart} says whether a restart is explained.
 *
 * <p>Owned by one thread, like the decoder's per-source state. Idle (no report open), it holds
 * a reference to the last message (shared with the record made from it, and cut to
 * {@value #MAX_LAST_MESSAGE_CHARS} characters) and a few numbers; a report's buffer exists only
 * while the report is open, is bounded by {@link CrashLimits}, and reserves its bytes in the
 * process's {@link ByteBudget}.
 */
public final class CrashCollector {
    /** The last message is kept up to this many characters, so that an idle source holds little. */
    public static final int MAX_LAST_MESSAGE_CHARS = 512;
    /** A legacy source's kernel time going back by more than this is a new boot. */
    static final long CLOCK_BACK_TOLERANCE_US = 1_000_000;

    private final CrashLimits limits;
    private final ByteBudget memory;
    private OpenReport open;
    private String lastMessage;
    private long lastSeq = OpenReport.NONE;
    private long lastKernelTimeUs = OpenReport.NONE;
    private long lastReceivedAtNanos;
    /** A panic or an orderly shutdown since the boot began: a restart would be explained. */
    private boolean bootEnded;
    private CrashKind lastReportKind;
    private boolean lastReportComplete;

    /** A collector whose reports reserve their lines in {@code memory}, shared with the other sources' collectors. */
    public CrashCollector(CrashLimits limits, ByteBudget memory) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.memory = Objects.requireNonNull(memory, "memory");
    }

    /** A message from an extended target. */
    public void acceptExtended(String text, long seq, long kernelTimeUs, long receivedAtNanos, CrashListener out) {
        if (seq < 0) {
            throw new IllegalArgumentException("extended messages have a seq: " + seq);
        }
        accept(text, seq, kernelTimeUs, receivedAtNanos, out);
    }

    /**
     * A line from a legacy target; {@code kernelTimeUs} is negative when the line had no printk
     * time. Legacy lines carry no seq, so a new boot shows only as the kernel time going back:
     * the collector treats that as {@link #restart} itself.
     */
    public void acceptLegacy(String text, long kernelTimeUs, long receivedAtNanos, CrashListener out) {
        if (kernelTimeUs >= 0 && lastKernelTimeUs >= 0 && kernelTimeUs < lastKernelTimeUs - CLOCK_BACK_TOLERANCE_US) {
            restart(receivedAtNanos, out);
        }
        accept(text, OpenReport.NONE, Math.max(kernelTimeUs, OpenReport.NONE), receivedAtNanos, out);
    }

    /** Closes the open report if its grace or silence has run out by {@code nowNanos}. */
    public void expire(long nowNanos, CrashListener out) {
        if (open != null && nowNanos >= deadlineNanos()) {
            close(open.closeReason(CloseReason.SILENCE), out);
        }
    }

    /** When {@link #expire} has something to do: {@link Long#MAX_VALUE} when no report is open. */
    public long deadlineNanos() {
        if (open == null) {
            return Long.MAX_VALUE;
        }
        long wait = open.finished() ? limits.grace().toNanos() : limits.silence().toNanos();
        return open.lastReceivedAtNanos + wait;
    }

    /** Heap the open report's kept lines take, by {@link CrashLimits}' estimate: at most its {@code maxBytes}. */
    public long heldBytes() {
        return open == null ? 0 : open.bytes;
    }

    /** Whether a report is open, so that {@link #expire} must be called. */
    public boolean isCollecting() {
        return open != null;
    }

    /**
     * The source's kernel restarted (the decoder saw its seq start over); call before passing the
     * new boot's first message. Closes the open report, then reports the restart to {@code out}
     * if the previous boot's last words do not explain it.
     *
     * @return whether the restart is unexplained
     */
    public boolean restart(long receivedAtNanos, CrashListener out) {
        if (open != null) {
            close(open.closeReason(CloseReason.RESTART), out);
        }
        boolean unexplained = lastMessage != null && !bootEnded;
        if (unexplained) {
            out.unexplainedRestart(new UnexplainedRestart(lastMessage, OpenReport.boxed(lastSeq),
                    OpenReport.boxed(lastKernelTimeUs), lastReceivedAtNanos, receivedAtNanos, lastReportKind,
                    lastReportComplete));
        }
        lastMessage = null;
        lastSeq = OpenReport.NONE;
        lastKernelTimeUs = OpenReport.NONE;
        bootEnded = false;
        lastReportKind = null;
        lastReportComplete = false;
        return unexplained;
    }

    /** Closes the open report now, as at shutdown or when the source is forgotten. */
    public void flush(CrashListener out) {
        if (open != null) {
            close(open.closeReason(CloseReason.FLUSH), out);
        }
    }

    /** The kind of this boot's last report, or null when it had none. */
    public CrashKind lastReportKind() {
        return lastReportKind;
    }

    /** Whether this boot's last report reached its end; false when it had none. */
    public boolean lastReportComplete() {
        return lastReportComplete;
    }

    private void accept(String text, long seq, long kernelTimeUs, long receivedAtNanos, CrashListener out) {
        String line = CrashPatterns.stripLeading(text);
        if (open != null && seq >= 0 && seq < open.firstSeq) {
            // Printed before the report began and delivered late: neither part of it nor its end.
            remember(text, seq, kernelTimeUs, receivedAtNanos);
            return;
        }
        if (open != null) {
            LineRole role = CrashPatterns.role(line);
            if (belongs(open, line, role, seq, kernelTimeUs)) {
                add(open, text, role, seq, kernelTimeUs, receivedAtNanos, out);
                remember(text, seq, kernelTimeUs, receivedAtNanos);
                return;
            }
            close(open.closeReason(CloseReason.NEXT_MESSAGE), out);
        }
        CrashKind kind = CrashPatterns.startKind(line);
        if (kind != null) {
            open = new OpenReport(kind, seq, kernelTimeUs, receivedAtNanos);
            add(open, text, CrashPatterns.role(line), seq, kernelTimeUs, receivedAtNanos, out);
        } else if (CrashPatterns.isOrderlyShutdown(line)) {
            bootEnded = true;
        }
        remember(text, seq, kernelTimeUs, receivedAtNanos);
    }

    private boolean belongs(OpenReport r, String line, LineRole role, long seq, long kernelTimeUs) {
        if (kernelTimeUs >= 0 && r.lastKernelTimeUs >= 0
                && kernelTimeUs - r.lastKernelTimeUs > limits.maxLineGap().toNanos() / 1000) {
            return false;
        }
        if (r.panicked) {
            // The kernel is going down: what it still prints (its stack dump, stopping the other
            // CPUs, Kernel Offset, Rebooting in...) is the end of the story.
            return true;
        }
        switch (r.phase) {
            case HEADER:
                return true;
            case TRACE:
                // An OOM report goes on after its trace (memory state, the task table) up to its kill line.
                return role != LineRole.OTHER
                        || (r.kind == CrashKind.OOM_KILL && CrashPatterns.startKind(line) == null);
            default:
                // After the end marker: the register summary, then the panic if there is one.
                return role == LineRole.DETAIL || role == LineRole.PANIC || role == LineRole.END_PANIC;
        }
    }

    private void add(OpenReport r, String text, LineRole role, long seq, long kernelTimeUs, long receivedAtNanos,
                     CrashListener out) {
        int cost = CrashLimits.cost(text);
        if (r.lines == null) {
            out.linesDropped(1);
        } else if (r.lines.size() >= limits.maxLines()) {
            cut(r, text, CloseReason.LINE_LIMIT, out);
        } else if (r.bytes + cost > limits.maxBytes()) {
            cut(r, text, CloseReason.BYTE_LIMIT, out);
        } else if (!memory.tryReserve(cost)) {
            cut(r, text, CloseReason.MEMORY, out);
        } else {
            r.keep(text, cost);
        }
        // After a cut, so that the report emitted at its bound spans only the lines it holds.
        r.extendTo(seq, kernelTimeUs, receivedAtNanos);
        switch (role) {
            case CALL_TRACE:
                r.phase = OpenReport.Phase.TRACE;
                break;
            case STACK_OPEN:
                r.stackDepth++;
                break;
            case STACK_CLOSE:
                r.stackDepth = Math.max(0, r.stackDepth - 1);
                break;
            case PANIC:
                r.panicked = true;
                bootEnded = true;
                break;
            case END_TRACE:
                r.phase = OpenReport.Phase.ENDED;
                break;
            case END_PANIC:
                close(CloseReason.END_MARKER, out);
                break;
            case OOM_KILLED:
                if (r.kind == CrashKind.OOM_KILL) {
                    close(CloseReason.END_MARKER, out);
                }
                break;
            default:
                break;
        }
    }

    /**
     * Emits {@code r} at its bound, without {@code text}, and keeps following it, without its
     * lines, until it ends. A report holds at least its first line: one that does not fit is
     * emitted at once with it, unreserved, as it is not kept.
     */
    private void cut(OpenReport r, String text, CloseReason reason, CrashListener out) {
        if (r.lines.isEmpty()) {
            r.lines.add(text);
        } else {
            out.linesDropped(1);
        }
        emit(r, reason, out);
    }

    private void close(CloseReason reason, CrashListener out) {
        OpenReport r = open;
        open = null;
        if (r.lines != null) {
            emit(r, reason, out);
        }
    }

    /** Hands the report on and lets its lines go. */
    private void emit(OpenReport r, CloseReason reason, CrashListener out) {
        boolean complete = r.complete(reason);
        lastReportKind = r.kind;
        lastReportComplete = complete;
        CrashReport report = CrashReportParser.parse(r.kind, r.lines, r.toSpan(), reason, complete);
        memory.release(r.bytes);
        r.lines = null;
        r.bytes = 0;
        out.report(report);
    }

    private void remember(String text, long seq, long kernelTimeUs, long receivedAtNanos) {
        lastMessage = text.length() <= MAX_LAST_MESSAGE_CHARS ? text : text.substring(0, MAX_LAST_MESSAGE_CHARS);
        lastSeq = seq;
        lastKernelTimeUs = kernelTimeUs;
        lastReceivedAtNanos = receivedAtNanos;
    }
}
