package dev.ncbridge.app.sources;

import dev.ncbridge.app.liveness.LivenessEvents;
import dev.ncbridge.app.liveness.SilencePolicy;
import dev.ncbridge.ingest.record.AddressText;
import dev.ncbridge.ingest.record.CrashRecord;
import dev.ncbridge.ingest.record.Event;
import dev.ncbridge.ingest.record.EventType;
import dev.ncbridge.ingest.record.Extended;
import dev.ncbridge.ingest.record.Format;
import dev.ncbridge.ingest.record.KernelMessage;
import dev.ncbridge.ingest.record.Ping;
import dev.ncbridge.ingest.record.Record;
import dev.ncbridge.ingest.record.SourceEvent;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The running state of one source. Only the decode worker that owns the source writes it, so
 * each count is a release store of the previous value plus one rather than an atomic add: no
 * lock prefix per record. Readers on other threads see each field's recent value, but not the
 * fields as one consistent snapshot.
 *
 * <p>Liveness: the housekeeping thread calls a source silent ({@link #silenceIfIdle}) and its
 * decode worker calls it back ({@link #wake}). Both transitions take the object's lock, and the
 * worker only when it sees the source silent, so the hot path stays lock-free while the
 * {@code source_silent} event always reaches the routes before its {@code source_back}.
 */
final class SourceStats {
    /** What {@link #lastSeq} and {@link #lastKernelTsUs} hold before the source sent either. */
    private static final long NONE = -1;

    final InetSocketAddress source;
    private final long firstSeenNanos;
    private final AtomicLong lastSeenNanos;
    private final AtomicLong messages = new AtomicLong();
    private final AtomicLong events = new AtomicLong();
    private final AtomicLong lastSeq = new AtomicLong(NONE);
    private final AtomicLong lastKernelTsUs = new AtomicLong(NONE);
    private final AtomicLong lostMessages = new AtomicLong();
    private final AtomicLong resets = new AtomicLong();
    private final AtomicLong gaps = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong pings = new AtomicLong();
    private final long silentAfterNanos;
    private final boolean expected;
    private volatile boolean silent;
    /** Silent before its first record: an inventory host reported as never seen. */
    private boolean silentSinceStart;
    private long silentSinceNanos;
    private final AtomicLong crashes = new AtomicLong();
    private volatile PingSeen lastPing;
    private volatile SourceView.LastCrash lastCrash;
    private volatile String name;
    private volatile String release;
    private volatile Format format;

    /**
     * The state of a new source, named but not yet counting {@code first}: {@link #record} does that.
     *
     * @param silentAfterNanos silence after which the source is silent; {@link SilencePolicy#NEVER}
     * @param expected whether the inventory lists the source's address
     * @param reportedNeverSeenAt when the inventory host was reported never seen, or -1: its first
     *     record then brings it back
     */
    SourceStats(Record first, long silentAfterNanos, boolean expected, long reportedNeverSeenAt) {
        this.source = first.source();
        this.firstSeenNanos = first.receivedAtNanos();
        this.lastSeenNanos = new AtomicLong(firstSeenNanos);
        this.name = first.hostName();
        this.silentAfterNanos = silentAfterNanos;
        this.expected = expected;
        if (reportedNeverSeenAt >= 0) {
            silent = true;
            silentSinceStart = true;
            silentSinceNanos = reportedNeverSeenAt;
        }
    }

    long lastSeenNanos() {
        return lastSeenNanos.get();
    }

    /**
     * Counts {@code r}.
     *
     * @return the {@code source_back} event when the source was silent, else null
     */
    Record record(Record r) {
        if (silentAfterNanos == SilencePolicy.NEVER) {
            lastSeenNanos.setRelease(r.receivedAtNanos());
        } else {
            // A full fence: the read of silent below must not pass this store, or a record arriving
            // as the housekeeping thread looks could leave the source wrongly silent.
            lastSeenNanos.set(r.receivedAtNanos());
        }
        count(r);
        return silent ? wake(r.receivedAtNanos()) : null;
    }

    private void count(Record r) {
        if (!r.hostName().equals(name)) {
            name = r.hostName();
        }
        if (r instanceof KernelMessage m) {
            message(m);
        } else if (r instanceof SourceEvent e) {
            event(e.event());
        } else if (r instanceof CrashRecord c) {
            increment(crashes);
            CrashSummary summary = CrashSummary.of(c);
            lastCrash = new SourceView.LastCrash(summary.time(), summary.kind(), summary.title());
        }
    }

    private void message(KernelMessage m) {
        if (m.format() != format) {
            format = m.format();
        }
        Extended x = m.extended();
        if (x != null && x.release() != null && !x.release().equals(release)) {
            release = x.release();
        }
        Ping ping = m.ping();
        if (ping != null) {
            increment(pings);
            lastPing = new PingSeen(m.receivedAtNanos(), ping.nonce());
            if (ping.fromUserSpace()) {
                // Sent from user space: its sequence number is not the kernel's, so it is no position.
                return;
            }
        }
        increment(messages);
        // A late arrival must not move the position back: the latest in-order message is where
        // the source is.
        if (x == null || !x.outOfOrder()) {
            if (x != null) {
                lastSeq.setRelease(x.seq());
            }
            if (m.kernelTsUs() != null) {
                lastKernelTsUs.setRelease(m.kernelTsUs());
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

    private synchronized Record wake(long nowNanos) {
        if (!silent) {
            return null;
        }
        silent = false;
        return LivenessEvents.back(source, name, format, nowNanos - silentSinceNanos, silentSinceStart, nowNanos);
    }

    /**
     * Calls the source silent, and sends the event to {@code events}, when nothing arrived for its
     * {@code silent_after}. The event goes out holding the lock so that a record arriving meanwhile
     * sends its {@code source_back} only after it.
     */
    synchronized void silenceIfIdle(long nowNanos, Consumer<Record> events) {
        if (silent || silentAfterNanos == SilencePolicy.NEVER) {
            return;
        }
        long last = lastSeenNanos.get();
        if (nowNanos - last < silentAfterNanos) {
            return;
        }
        silent = true;
        // A record that came after the read above either sees silent and waits for this lock, or
        // moved lastSeen before silent was set: look again so that it is not called silent.
        if (lastSeenNanos.get() != last) {
            silent = false;
            return;
        }
        silentSinceNanos = last;
        silentSinceStart = false;
        events.accept(LivenessEvents.silent(source, name, format, last, silentAfterNanos, false, nowNanos));
    }

    boolean silent() {
        return silent;
    }

    boolean expected() {
        return expected;
    }

    private static void increment(AtomicLong count) {
        count.setRelease(count.getPlain() + 1);
    }

    SourceView view() {
        Format f = format;
        PingSeen ping = lastPing;
        long seq = lastSeq.get();
        long ts = lastKernelTsUs.get();
        return new SourceView(
                AddressText.of(source.getAddress()),
                source.getPort(),
                name,
                silent ? SourceState.SILENT : SourceState.ACTIVE,
                expected,
                f == null ? null : f.wireName(),
                release,
                instant(firstSeenNanos),
                instant(lastSeenNanos.get()),
                messages.get(),
                events.get(),
                seq == NONE ? null : seq,
                ts == NONE ? null : ts,
                gaps.get(),
                lostMessages.get(),
                duplicates.get(),
                resets.get(),
                pings.get(),
                ping == null ? null : instant(ping.atNanos()),
                ping == null ? null : ping.nonce(),
                crashes.get(),
                lastCrash);
    }

    private record PingSeen(long atNanos, String nonce) {
    }

    static Instant instant(long epochNanos) {
        return Instant.ofEpochSecond(0, epochNanos);
    }
}
