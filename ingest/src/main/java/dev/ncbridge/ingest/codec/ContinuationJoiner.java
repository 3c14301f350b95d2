package dev.ncbridge.ingest.codec;

import dev.ncbridge.ingest.record.ContinuationFlag;
import dev.ncbridge.ingest.record.Record;
import java.io.ByteArrayOutputStream;
import java.util.function.Consumer;

/**
 * Merges a {@code c} record and the {@code +} records that follow it from the same source into
 * one record, as older kernels split a message printed with {@code pr_cont}. The merged record
 * keeps the first piece's header and dictionary; its text is the pieces joined as printed.
 * One joiner per source; it holds at most one run.
 */
final class ContinuationJoiner {
    private Record first;
    private StringBuilder text;
    private ByteArrayOutputStream raw;
    private int pieces;
    private int fragments;
    private boolean incomplete;
    private long lastArrivalNanos;

    boolean isPending() {
        return first != null;
    }

    long lastArrivalNanos() {
        return lastArrivalNanos;
    }

    /** Passes a decoded extended record on, holding or merging continuation pieces. */
    void accept(Record r, Consumer<Record> out, DecodeCounters counters) {
        ContinuationFlag flag = r.cont();
        if (flag == ContinuationFlag.CONTINUATION && first != null) {
            text.append(r.message());
            raw.write('\n');
            raw.writeBytes(r.raw());
            pieces++;
            fragments += r.fragments();
            incomplete |= r.incomplete();
            lastArrivalNanos = r.receivedAtNanos();
            counters.increment(DecodeCounter.CONTINUATIONS_MERGED);
            return;
        }
        flush(out);
        if (flag == ContinuationFlag.FIRST) {
            first = r;
            text = new StringBuilder(r.message());
            raw = new ByteArrayOutputStream(r.raw().length * 2);
            raw.writeBytes(r.raw());
            pieces = 1;
            fragments = r.fragments();
            incomplete = r.incomplete();
            lastArrivalNanos = r.receivedAtNanos();
        } else {
            out.accept(r);
        }
    }

    /** Emits the held run, merged if it got any continuation, as it is otherwise. */
    void flush(Consumer<Record> out) {
        if (first == null) {
            return;
        }
        Record merged = pieces == 1 ? first : first.toBuilder()
                .message(text.toString())
                .raw(raw.toByteArray())
                .cont(ContinuationFlag.MERGED)
                .fragments(fragments)
                .incomplete(incomplete)
                .receivedAtNanos(lastArrivalNanos)
                .build();
        first = null;
        text = null;
        raw = null;
        out.accept(merged);
    }
}
