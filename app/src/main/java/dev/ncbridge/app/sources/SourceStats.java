package dev.ncbridge.app.sources;

import dev.ncbridge.ingest.record.AddressText;
import dev.ncbridge.ingest.record.Event;
import dev.ncbridge.ingest.record.EventType;
import dev.ncbridge.ingest.record.Format;
import dev.ncbridge.ingest.record.Record;
import dev.ncbridge.ingest.record.RecordKind;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The running state of one source. Only the decode worker that owns the source writes it, so
 * each count is a release store of the previous value plus one rather than an atomic add: no
 * lock prefix per record. Readers on other threads see each field's recent value, but not the
 * fields as one consistent snapshot.
 */
final class SourceStats {
    private static final long ABSENT = Record.ABSENT;

    final InetSocketAddress source;
    private final long firstSeenNanos;
    private final AtomicLong lastSeenNanos;
    private final AtomicLong messages = new AtomicLong();
    private final AtomicLong events = new AtomicLong();
    private final AtomicLong lastSeq = new AtomicLong(ABSENT);
    private final AtomicLong lastKernelTsUs = new AtomicLong(ABSENT);
    private final AtomicLong lostMessages = new AtomicLong();
    private final AtomicLong resets = new AtomicLong();
    private final AtomicLong gaps = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private volatile String name;
    private volatile String release;
    private volatile Format format;

    /** The state of a new source, named but not yet counting {@code first}: {@link #record} does that. */
    SourceStats(Record first) {
        this.source = first.source();
        this.firstSeenNanos = first.receivedAtNanos();
        this.lastSeenNanos = new AtomicLong(firstSeenNanos);
        this.name = first.hostName();
    }

    long lastSeenNanos() {
        return lastSeenNanos.get();
    }

    void record(Record r) {
        lastSeenNanos.setRelease(r.receivedAtNanos());
        if (!r.hostName().equals(name)) {
            name = r.hostName();
        }
        if (r.kind() == RecordKind.EVENT) {
            event(r.event());
            return;
        }
        increment(messages);
        if (r.format() != null && r.format() != format) {
            format = r.format();
        }
        if (r.release() != null && !r.release().equals(release)) {
            release = r.release();
        }
        // A late arrival must not move the position back: the latest in-order message is where
        // the source is.
        if (!r.outOfOrder()) {
            if (r.hasSeq()) {
                lastSeq.setRelease(r.seq());
            }
            if (r.hasKernelTs()) {
                lastKernelTsUs.setRelease(r.kernelTsUs());
            }
        }
    }

    private void event(Event e) {
        increment(events);
        if (e.type() == EventType.LOSS && e.details().get("missing") instanceof Number missing) {
            increment(gaps);
            lostMessages.setRelease(lostMessages.getPlain() + missing.longValue());
        } else if (e.type() == EventType.SOURCE_RESET) {
            increment(resets);
        }
    }

    /** A copy the decoder dropped; called by the same worker that records this source. */
    void duplicate() {
        increment(duplicates);
    }

    private static void increment(AtomicLong count) {
        count.setRelease(count.getPlain() + 1);
    }

    SourceView view() {
        Format f = format;
        long seq = lastSeq.get();
        long ts = lastKernelTsUs.get();
        return new SourceView(
                AddressText.of(source.getAddress()),
                source.getPort(),
                name,
                f == null ? null : f.wireName(),
                release,
                instant(firstSeenNanos),
                instant(lastSeenNanos.get()),
                messages.get(),
                events.get(),
                seq == ABSENT ? null : seq,
                ts == ABSENT ? null : ts,
                gaps.get(),
                lostMessages.get(),
                duplicates.get(),
                resets.get());
    }

    private static Instant instant(long epochNanos) {
        return Instant.ofEpochSecond(0, epochNanos);
    }
}
