package dev.ncbridge.ingest.codec;

import dev.ncbridge.ingest.memory.ByteBudget;
import dev.ncbridge.ingest.record.ContinuationFlag;
import dev.ncbridge.ingest.record.KernelMessage;
import dev.ncbridge.ingest.record.Record;
import java.io.ByteArrayOutputStream;
import java.util.function.Consumer;

/**
 * Merges a {@code c} record and the {@code +} records that follow it from the same source into
 * one record, as older kernels split a message printed with {@code pr_cont}. The merged record
 * keeps the first piece's header and dictionary; its text is the pieces joined as printed.
 * One joiner per source; it holds at most one run.
 *
 * <p>A run is bounded three ways, since a sender may send {@code +} pieces for ever: its size
 * ({@code max_message}), its age from the first piece ({@code continuation_max_age}), and the
 * shared continuation memory. A run cut by a bound is emitted marked truncated and counted; the
 * pieces after it are emitted on their own, so nothing is lost.
 */
final class ContinuationJoiner {
    /** What bounds every run of a decoder, and where the cuts are counted. */
    record Bounds(int maxBytes, long maxAgeNanos, ByteBudget memory, DecodeCounters.Writer counters) {
    }

    private final Bounds bounds;
    private KernelMessage first;
    private StringBuilder text;
    private ByteArrayOutputStream raw;
    private int pieces;
    private int fragments;
    private boolean incomplete;
    private long firstArrivalNanos;
    private long lastArrivalNanos;
    /** Bytes of the shared continuation memory this run holds. */
    private long reserved;

    ContinuationJoiner(Bounds bounds) {
        this.bounds = bounds;
    }

    boolean isPending() {
        return first != null;
    }

    long lastArrivalNanos() {
        return lastArrivalNanos;
    }

    /** Whether the run has been open longer than its bound allows. */
    boolean tooOld(long nowNanos) {
        return first != null && nowNanos - firstArrivalNanos >= bounds.maxAgeNanos();
    }

    /** A run's share of memory for a piece: its text (at most two bytes a char) and raw bytes. */
    private static long cost(KernelMessage r) {
        return 2L * r.message().length() + r.raw().length + 1;
    }

    /** Passes a decoded extended record on, holding or merging continuation pieces. */
    void accept(KernelMessage r, Consumer<Record> out) {
        ContinuationFlag flag = r.extended().cont();
        if (flag == ContinuationFlag.CONTINUATION && first != null) {
            append(r, out);
            return;
        }
        flush(out);
        if (flag == ContinuationFlag.FIRST && bounds.memory().tryReserve(cost(r))) {
            reserved = cost(r);
            first = r;
            pieces = 1;
            fragments = r.fragments();
            incomplete = r.incomplete();
            firstArrivalNanos = r.receivedAtNanos();
            lastArrivalNanos = firstArrivalNanos;
            return;
        }
        if (flag == ContinuationFlag.FIRST) {
            bounds.counters().limited(LimitReason.CONTINUATION_MEMORY);
        }
        out.accept(r);
    }

    private void append(KernelMessage r, Consumer<Record> out) {
        LimitReason cut = null;
        long cost = cost(r);
        if (textLength() + r.message().length() > bounds.maxBytes()) {
            cut = LimitReason.CONTINUATION_SIZE;
        } else if (!bounds.memory().tryReserve(cost)) {
            cut = LimitReason.CONTINUATION_MEMORY;
        }
        if (cut != null) {
            cut(cut, out);
            out.accept(r);
            return;
        }
        reserved += cost;
        if (text == null) {
            text = new StringBuilder(first.message());
            raw = new ByteArrayOutputStream(first.raw().length * 2);
            raw.writeBytes(first.raw());
        }
        text.append(r.message());
        raw.write('\n');
        raw.writeBytes(r.raw());
        pieces++;
        fragments += r.fragments();
        incomplete |= r.incomplete();
        lastArrivalNanos = r.receivedAtNanos();
        bounds.counters().increment(DecodeCounter.CONTINUATIONS_MERGED);
    }

    private int textLength() {
        return text != null ? text.length() : first.message().length();
    }

    /** Emits the held run, marked truncated, because a bound cut it. */
    void cut(LimitReason reason, Consumer<Record> out) {
        bounds.counters().limited(reason);
        emit(out, true);
    }

    /** Emits the held run, merged if it got any continuation, as it is otherwise. */
    void flush(Consumer<Record> out) {
        emit(out, false);
    }

    private void emit(Consumer<Record> out, boolean truncated) {
        if (first == null) {
            return;
        }
        KernelMessage merged = first;
        if (pieces > 1 || truncated) {
            String joined = text == null ? first.message() : text.toString();
            ContinuationFlag flag = pieces == 1 ? first.extended().cont() : ContinuationFlag.MERGED;
            // The joined text is a new message, so it is classified anew.
            merged = new KernelMessage(lastArrivalNanos, first.source(), first.hostName(), joined, first.kernelTsUs(),
                    fragments, incomplete, raw == null ? first.raw() : raw.toByteArray(), Pings.parse(joined),
                    first.extended().withContinuation(flag, truncated));
        }
        first = null;
        text = null;
        raw = null;
        bounds.memory().release(reserved);
        reserved = 0;
        out.accept(merged);
    }
}
