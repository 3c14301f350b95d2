package dev.ncbridge.ingest.codec;

import dev.ncbridge.ingest.crash.CrashCollector;
import dev.ncbridge.ingest.crash.CrashLimits;
import dev.ncbridge.ingest.memory.ByteBudget;
import dev.ncbridge.ingest.record.Format;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything the decoder remembers about one source (address and port). Owned by one decoder
 * thread, so nothing here is synchronized. Small on purpose, as a fleet has many sources: parts a
 * source does not use are never allocated, and buffers are given back when they empty.
 */
final class SourceState {
    final InetSocketAddress source;
    String hostName;
    /** The {@link SourceNamer#version()} the name was taken at. */
    long nameVersion;
    long lastSeenNanos;
    Format lastFormat;
    /** Set while the source is in the decoder's list of sources with timeouts to check. */
    boolean armed;
    /** The last release prefix seen, so that repeating it allocates no new string. */
    byte[] releaseBytes;
    String release;
    /** The rate limit's theoretical arrival time (GCRA), in receive-time nanoseconds. */
    long rateTat;

    // Bookkeeping of the SourceTable: its segment, its place in that segment's access order, and
    // the next source of the same address.
    byte segment;
    SourceState older;
    SourceState newer;
    SourceState nextOfAddress;

    private SequenceTracker sequence;
    private List<FragmentAssembly> assemblies;
    private ContinuationJoiner continuation;
    private LegacyLineAssembler legacy;
    private CrashCollector crash;

    SourceState(InetSocketAddress source, String hostName) {
        this.source = source;
        this.hostName = hostName;
    }

    SequenceTracker sequence(DecoderLimits limits) {
        if (sequence == null) {
            sequence = new SequenceTracker(limits);
        }
        return sequence;
    }

    SequenceTracker sequenceIfPresent() {
        return sequence;
    }

    List<FragmentAssembly> assemblies() {
        if (assemblies == null) {
            assemblies = new ArrayList<>(2);
        }
        return assemblies;
    }

    boolean hasAssemblies() {
        return assemblies != null && !assemblies.isEmpty();
    }

    ContinuationJoiner continuation(ContinuationJoiner.Bounds bounds) {
        if (continuation == null) {
            continuation = new ContinuationJoiner(bounds);
        }
        return continuation;
    }

    boolean hasPendingContinuation() {
        return continuation != null && continuation.isPending();
    }

    /** The open continuation run's joiner; only while {@link #hasPendingContinuation()}. */
    ContinuationJoiner pendingContinuation() {
        return continuation;
    }

    LegacyLineAssembler legacy(LegacyLineAssembler.Bounds bounds) {
        if (legacy == null) {
            legacy = new LegacyLineAssembler(bounds);
        }
        return legacy;
    }

    boolean hasPendingLegacy() {
        return legacy != null && legacy.hasPending();
    }

    /** The legacy assembler holding a partial line; only while {@link #hasPendingLegacy()}. */
    LegacyLineAssembler pendingLegacy() {
        return legacy;
    }

    /** The source's crash collector, made at its first message: it keeps the source's last words. */
    CrashCollector crash(CrashLimits limits, ByteBudget memory) {
        if (crash == null) {
            crash = new CrashCollector(limits, memory);
        }
        return crash;
    }

    /** Null until the source sent a message. */
    CrashCollector crashIfPresent() {
        return crash;
    }

    /** Whether anything waits on a timeout: fragments, a continuation, a partial line, a gap, a kernel report. */
    boolean hasPendingWork() {
        return hasAssemblies() || hasPendingContinuation() || hasPendingLegacy()
                || (sequence != null && sequence.hasPendingGaps()) || (crash != null && crash.isCollecting());
    }
}
