package dev.ncbridge.ingest.codec;

import dev.ncbridge.ingest.crash.UnexplainedRestart;
import dev.ncbridge.ingest.record.Event;
import dev.ncbridge.ingest.record.EventType;
import dev.ncbridge.ingest.record.Format;
import dev.ncbridge.ingest.record.SourceEvent;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/** Builds the event records the decoder derives from a source's stream. */
final class SourceEvents {
    private SourceEvents() {
    }

    /** Messages {@code first..last} of {@code counter} ("seq" or "msgid") never arrived. */
    static SourceEvent loss(InetSocketAddress source, String hostName, String counter, long first, long last,
                       long nowNanos) {
        long missing = last - first + 1;
        Event event = Event.builder(EventType.LOSS)
                .put("counter", counter)
                .put("first", first)
                .put("last", last)
                .put("missing", missing)
                .build();
        String message = missing + (missing == 1 ? " message" : " messages") + " lost from " + hostName
                + " (" + counter + " " + (first == last ? Long.toString(first) : first + ".." + last) + ")";
        return event(source, hostName, event, message, nowNanos);
    }

    /**
     * The source's sequence started over: it went from {@code previousSeq} to {@code seq}, because
     * its kernel restarted ({@code jump} false) or because seq leapt further ahead than any real gap
     * ({@code jump} true: a forged or corrupt datagram, or a counter reset the bridge cannot tell).
     */
    static SourceEvent reset(InetSocketAddress source, String hostName, long previousSeq, long previousTsUs, long seq,
                        long tsUs, boolean jump, long nowNanos) {
        Event event = Event.builder(EventType.SOURCE_RESET)
                .put("cause", jump ? "seq_jump" : "restart")
                .put("previous_seq", previousSeq)
                .put("previous_kernel_ts_us", previousTsUs)
                .put("seq", seq)
                .put("kernel_ts_us", tsUs)
                .build();
        String message = (jump ? "sequence of " + hostName + " jumped beyond max_seq_jump: seq "
                : "kernel of " + hostName + " restarted: seq ") + previousSeq + " -> " + seq
                + ", kernel time " + previousTsUs + "us -> " + tsUs + "us";
        return event(source, hostName, event, message, nowNanos);
    }

    /**
     * The source's kernel restarted and its last words ({@code r.lastMessage()}) say nothing of why:
     * no panic, no orderly shutdown. The details are what the previous boot said last, and the
     * silence before the restart, so that whoever reads the event knows where to look.
     */
    static SourceEvent unexplainedReboot(InetSocketAddress source, String hostName, Format format,
                                         UnexplainedRestart r, long nowNanos) {
        Event.Builder event = Event.builder(EventType.UNEXPLAINED_REBOOT)
                .put("last_message", r.lastMessage());
        if (r.lastSeq() != null) {
            event.put("last_seq", r.lastSeq());
        }
        if (r.lastKernelTimeUs() != null) {
            event.put("last_kernel_ts_us", r.lastKernelTimeUs());
        }
        long silenceMs = TimeUnit.NANOSECONDS.toMillis(r.silenceNanos());
        event.put("silence_ms", silenceMs);
        if (r.lastReportKind() != null) {
            event.put("last_crash_kind", r.lastReportKind().wireName());
            event.put("last_crash_complete", r.lastReportComplete());
        }
        String message = "kernel of " + hostName + " restarted without a panic or shutdown message, after "
                + silenceMs / 1000.0 + "s of silence; its last message: " + r.lastMessage();
        return new SourceEvent(nowNanos, source, hostName, format, message, event.build());
    }

    private static SourceEvent event(InetSocketAddress source, String hostName, Event event, String message,
                                     long nowNanos) {
        return new SourceEvent(nowNanos, source, hostName, Format.EXTENDED, message, event);
    }
}
