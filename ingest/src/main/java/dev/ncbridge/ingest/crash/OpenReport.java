package dev.ncbridge.ingest.crash;

import java.util.ArrayList;
import java.util.List;

/** A report a {@link CrashCollector} is gathering: its lines so far and where it is in its shape. */
final class OpenReport {
    /** Where in a report the kernel is printing. */
    enum Phase {
        /** From the first line to {@code Call Trace:}: everything the kernel prints belongs. */
        HEADER,
        /** From {@code Call Trace:}: frames, stack markers and register lines belong. */
        TRACE,
        /** After {@code ---[ end trace}: only the register summary and the panic lines can follow. */
        ENDED
    }

    /** Absent seq or kernel time, in the fields below. */
    static final long NONE = -1;

    final CrashKind kind;
    Phase phase = Phase.HEADER;
    /** Stack sections open ({@code <TASK>}, {@code <IRQ>}...) and not yet closed. */
    int stackDepth;
    boolean panicked;
    /**
     * The kept lines; null once the report was emitted. A report emitted at a bound stays open
     * without them, so that the lines that still belong to it are recognised and dropped.
     */
    List<String> lines = new ArrayList<>();
    int bytes;
    final long firstSeq;
    final long firstKernelTimeUs;
    final long firstReceivedAtNanos;
    long lastSeq;
    long lastKernelTimeUs;
    long lastReceivedAtNanos;

    /** A report whose first line had this seq, kernel time (either {@link #NONE}) and arrival. */
    OpenReport(CrashKind kind, long seq, long kernelTimeUs, long receivedAtNanos) {
        this.kind = kind;
        firstSeq = seq;
        firstKernelTimeUs = kernelTimeUs;
        firstReceivedAtNanos = receivedAtNanos;
    }

    /**
     * Whether the report has printed its end and waits only for what may follow it: the summary
     * and panic after {@code ---[ end trace}, or the end of a panic whose stack dump has closed.
     */
    boolean finished() {
        return phase == Phase.ENDED || (panicked && phase == Phase.TRACE && stackDepth == 0);
    }

    /** Why the report closes now: its end if it has finished, else {@code otherwise}. */
    CloseReason closeReason(CloseReason otherwise) {
        if (!finished()) {
            return otherwise;
        }
        return panicked ? CloseReason.PANIC_GRACE : CloseReason.END_MARKER;
    }

    /** Whether a report closed for {@code reason} holds all the kernel printed of it, as far as its shape tells. */
    boolean complete(CloseReason reason) {
        switch (reason) {
            case END_MARKER:
            case PANIC_GRACE:
                return true;
            case LINE_LIMIT:
            case BYTE_LIMIT:
            case MEMORY:
                return false;
            default:
                return phase != Phase.HEADER && stackDepth == 0;
        }
    }

    void keep(String text, int cost) {
        lines.add(text);
        bytes += cost;
    }

    void extendTo(long seq, long kernelTimeUs, long receivedAtNanos) {
        lastSeq = seq;
        lastKernelTimeUs = kernelTimeUs;
        lastReceivedAtNanos = receivedAtNanos;
    }

    CrashReport.Span toSpan() {
        return new CrashReport.Span(boxed(firstSeq), boxed(lastSeq), boxed(firstKernelTimeUs), boxed(lastKernelTimeUs),
                firstReceivedAtNanos, lastReceivedAtNanos);
    }

    static Long boxed(long value) {
        return value == NONE ? null : value;
    }
}
