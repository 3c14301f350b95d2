package dev.ncbridge.app.sources;

import dev.ncbridge.app.liveness.Inventory;
import dev.ncbridge.app.liveness.LivenessEvents;
import dev.ncbridge.app.liveness.SilencePolicy;
import dev.ncbridge.ingest.codec.SourceListener;
import dev.ncbridge.ingest.record.AddressText;
import dev.ncbridge.ingest.record.CrashRecord;
import dev.ncbridge.ingest.record.Record;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Per-source state for the sources API, fed with every record the decoders emit. It holds the
 * sources the decoders hold, no more: the decoders own each source's life and say when they
 * forget one ({@link #forgotten}), so this view is bounded by their bounds and cannot disagree
 * with them. It tells them in turn which addresses the inventory expects ({@link #expected}),
 * which they never forget.
 *
 * <p>{@link #observe} runs on the decode workers for every record. For a known source it is one
 * map lookup and a few stores, without allocation or locking; only a new source takes a lock.
 *
 * <p>Liveness: {@link #checkSilence} (on the housekeeping thread) calls sources silent after their
 * {@code silent_after}, and inventory hosts never heard from {@code never_seen}; the next record
 * of such a source brings it back. Both emit event records for the routes.
 */
public final class SourceRegistry implements SourceListener {
    /** IPv4 before IPv6, then numerically by address and port, so listings read naturally. */
    private static final Comparator<SourceStats> ORDER = Comparator
            .comparingInt((SourceStats s) -> s.source.getAddress().getAddress().length)
            .thenComparing((a, b) -> Arrays.compareUnsigned(a.source.getAddress().getAddress(),
                    b.source.getAddress().getAddress()))
            .thenComparingInt(s -> s.source.getPort());

    private final ConcurrentHashMap<InetSocketAddress, SourceStats> sources = new ConcurrentHashMap<>();
    private final Object admission = new Object();
    private final SilencePolicy silence;
    private final long startNanos;
    /** The inventory's hosts and whether each was heard from; guarded by the admission lock. */
    private final Map<InetAddress, Expected> expected = new LinkedHashMap<>();
    private final RecentCrashes crashes = new RecentCrashes();

    /** A registry without liveness: no source is ever silent. */
    public SourceRegistry() {
        this(SilencePolicy.none(), 0);
    }

    /** @param startNanos when the bridge started (epoch nanoseconds): inventory hosts are expected from then */
    public SourceRegistry(SilencePolicy silence, long startNanos) {
        this.silence = silence;
        this.startNanos = startNanos;
        for (Inventory.ExpectedHost host : silence.inventory().hosts()) {
            expected.put(host.address(), new Expected(host));
        }
    }

    /** An inventory host: heard from yet, and when it was reported never seen (-1: not). */
    private static final class Expected {
        final Inventory.ExpectedHost host;
        boolean heard;
        long reportedAtNanos = -1;

        Expected(Inventory.ExpectedHost host) {
            this.host = host;
        }

        String name() {
            return host.name() != null ? host.name() : AddressText.of(host.address());
        }
    }

    /**
     * Counts a record against its source. Safe from many threads as long as each source's
     * records come from one thread, as the decode workers guarantee: a source's counts are
     * written without atomic read-modify-write.
     *
     * @return the {@code source_back} event {@code r} causes, to be routed before it; usually null
     */
    public Record observe(Record r) {
        SourceStats stats = sources.get(r.source());
        if (stats == null) {
            stats = admit(r);
        }
        if (r instanceof CrashRecord c) {
            crashes.add(c);
        }
        return stats.record(r);
    }

    /** The latest crash records of all sources, newest first, at most {@value RecentCrashes#MAX}. */
    public List<CrashSummary> recentCrashes() {
        return crashes.newestFirst();
    }

    @Override
    public boolean expected(InetAddress address) {
        return silence.inventory().get(address) != null;
    }

    @Override
    public void forgotten(InetSocketAddress source, boolean lastOfAddress) {
        sources.remove(source);
    }

    @Override
    public void duplicateDropped(InetSocketAddress source) {
        SourceStats stats = sources.get(source);
        if (stats != null) {
            stats.duplicate();
        }
    }

    private SourceStats admit(Record r) {
        synchronized (admission) {
            SourceStats stats = sources.get(r.source());
            if (stats != null) {
                return stats;
            }
            Expected host = expected.get(r.source().getAddress());
            long reportedAt = -1;
            if (host != null) {
                host.heard = true;
                reportedAt = host.reportedAtNanos;
            }
            stats = new SourceStats(r, silence.silentAfterNanos(r.source().getAddress()), host != null, reportedAt);
            sources.put(r.source(), stats);
            return stats;
        }
    }

    /**
     * Calls silent the sources that sent nothing for their {@code silent_after}, and never seen the
     * inventory hosts that sent nothing since the start for as long; sends an event to {@code events}
     * for each, once until the source is back.
     *
     * <p>The never-seen events are chosen under the admission lock, so that a host's first record
     * either is admitted before (and the host is heard) or after (and brings it back), but are sent
     * after releasing it: {@code events} may wait on a full sink, and the lock is also the
     * {@code ncbridge.sources} gauge's. For the {@code source_back} a first record brings to reach the
     * routes after its never-seen event, the caller routes both under one lock of its own.
     */
    public void checkSilence(long nowNanos, Consumer<Record> events) {
        for (SourceStats s : sources.values()) {
            s.silenceIfIdle(nowNanos, events);
        }
        List<Record> neverSeen = new ArrayList<>();
        synchronized (admission) {
            for (Expected host : expected.values()) {
                long after = silence.silentAfterNanos(host.host.address());
                if (host.heard || host.reportedAtNanos >= 0 || after == SilencePolicy.NEVER
                        || nowNanos - startNanos < after) {
                    continue;
                }
                host.reportedAtNanos = nowNanos;
                neverSeen.add(LivenessEvents.silent(new InetSocketAddress(host.host.address(), 0), host.name(), null,
                        startNanos, after, true, nowNanos));
            }
        }
        neverSeen.forEach(events);
    }

    public int size() {
        return sources.size();
    }

    /** Every source, ordered by address and port, then the inventory hosts never heard from. */
    public List<SourceView> snapshot() {
        return Stream.concat(sources.values().stream().sorted(ORDER).map(SourceStats::view), neverSeen().stream())
                .toList();
    }

    /** The sources in {@code state}, in the order of {@link #snapshot()}. */
    public List<SourceView> snapshot(SourceState state) {
        return state == SourceState.NEVER_SEEN ? neverSeen()
                : snapshot().stream().filter(v -> v.state() == state).toList();
    }

    /** How many sources are in {@code state}; for the {@code ncbridge.sources} gauge. */
    public long count(SourceState state) {
        return switch (state) {
            case NEVER_SEEN -> neverSeen().size();
            case SILENT -> sources.values().stream().filter(SourceStats::silent).count();
            case ACTIVE -> sources.values().stream().filter(s -> !s.silent()).count();
        };
    }

    private List<SourceView> neverSeen() {
        synchronized (admission) {
            return expected.values().stream()
                    .filter(h -> !h.heard)
                    .map(h -> SourceView.neverSeen(AddressText.of(h.host.address()), h.name()))
                    .toList();
        }
    }

    /** The sources {@code query} names, ordered by port: at most one when it has a port. */
    public List<SourceView> find(SourceQuery query) {
        if (query.hasPort()) {
            SourceStats one = sources.get(query.source());
            return one == null ? List.of() : List.of(one.view());
        }
        List<SourceView> found = sources.values().stream()
                .filter(s -> query.matchesAddress(s.source))
                .sorted(ORDER)
                .map(SourceStats::view)
                .toList();
        if (found.isEmpty()) {
            String address = AddressText.of(query.address());
            return neverSeen().stream().filter(v -> v.address().equals(address)).toList();
        }
        return found;
    }
}
