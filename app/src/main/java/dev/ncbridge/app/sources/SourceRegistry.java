package dev.ncbridge.app.sources;

import dev.ncbridge.ingest.codec.DuplicateListener;
import dev.ncbridge.ingest.record.Record;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-source state for the sources API, fed with every record the decoders emit. Bounded: beyond
 * {@code maxSources} the least recently seen sources are forgotten.
 *
 * <p>{@link #observe} runs on the decode workers for every record. For a known source it is one
 * map lookup and a few stores, without allocation or locking; only a new source takes a lock.
 */
public final class SourceRegistry implements DuplicateListener {
    /** IPv4 before IPv6, then numerically by address and port, so listings read naturally. */
    private static final Comparator<SourceStats> ORDER = Comparator
            .comparingInt((SourceStats s) -> s.source.getAddress().getAddress().length)
            .thenComparing((a, b) -> Arrays.compareUnsigned(a.source.getAddress().getAddress(),
                    b.source.getAddress().getAddress()))
            .thenComparingInt(s -> s.source.getPort());

    private final int maxSources;
    private final int evictBatch;
    private final ConcurrentHashMap<InetSocketAddress, SourceStats> sources = new ConcurrentHashMap<>();
    private final Object admission = new Object();

    public SourceRegistry(int maxSources) {
        if (maxSources < 1) {
            throw new IllegalArgumentException("maxSources must be at least 1: " + maxSources);
        }
        this.maxSources = maxSources;
        // Finding the least recently seen costs a pass over every source, so a full registry frees
        // a sixteenth of its room at once: a flood of new addresses then costs a sort per
        // maxSources/16 of them instead of a full scan per datagram.
        this.evictBatch = Math.max(1, maxSources / 16);
    }

    /**
     * Counts a record against its source. Safe from many threads as long as each source's
     * records come from one thread, as the decode workers guarantee: a source's counts are
     * written without atomic read-modify-write.
     */
    public void observe(Record r) {
        SourceStats stats = sources.get(r.source());
        if (stats == null) {
            stats = admit(r);
        }
        stats.record(r);
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
            if (sources.size() >= maxSources) {
                evictLeastRecentlySeen();
            }
            stats = new SourceStats(r);
            sources.put(r.source(), stats);
            return stats;
        }
    }

    /** Removes the {@code evictBatch} sources seen longest ago. Called holding the admission lock. */
    private void evictLeastRecentlySeen() {
        // Sort a copy of the times: the live ones move while the sort runs.
        record Seen(SourceStats stats, long atNanos) {
        }
        List<Seen> all = new ArrayList<>(sources.size());
        sources.values().forEach(s -> all.add(new Seen(s, s.lastSeenNanos())));
        all.sort(Comparator.comparingLong(Seen::atNanos));
        for (Seen oldest : all.subList(0, Math.min(evictBatch, all.size()))) {
            sources.remove(oldest.stats().source, oldest.stats());
        }
    }

    /**
     * Forgets the sources not seen since {@code olderThan}.
     *
     * @return how many were forgotten
     */
    public int prune(Instant olderThan) {
        long cutoff = olderThan.getEpochSecond() * 1_000_000_000L + olderThan.getNano();
        int removed = 0;
        for (SourceStats s : sources.values()) {
            if (s.lastSeenNanos() < cutoff && sources.remove(s.source, s)) {
                removed++;
            }
        }
        return removed;
    }

    public int size() {
        return sources.size();
    }

    /** Every source, ordered by address and port. */
    public List<SourceView> snapshot() {
        return sources.values().stream().sorted(ORDER).map(SourceStats::view).toList();
    }

    /** The sources {@code query} names, ordered by port: at most one when it has a port. */
    public List<SourceView> find(SourceQuery query) {
        if (query.hasPort()) {
            SourceStats one = sources.get(query.source());
            return one == null ? List.of() : List.of(one.view());
        }
        return sources.values().stream()
                .filter(s -> query.matchesAddress(s.source))
                .sorted(ORDER)
                .map(SourceStats::view)
                .toList();
    }
}
