package dev.ncbridge.ingest.codec;

import dev.ncbridge.ingest.crash.CrashLimits;
import java.time.Duration;
import java.util.Objects;

/**
 * Bounds and timeouts of one {@link NetconsoleDecoder}. Every buffer the decoder keeps is bounded
 * by one of these, per source and in total, so no input can exhaust memory; docs/operations.md
 * ("Memory") has the model they add up to.
 *
 * @param maxMessageBytes largest {@code ncfrag} total, and largest continuation run, accepted; the
 *     kernel sends at most a few KiB (an 8 KiB record plus userdata)
 * @param maxAssembliesPerSource fragmented messages in flight per source; the oldest is flushed
 *     incomplete when a new one would exceed this
 * @param maxAssemblyBytes bytes held by all in-flight fragmented messages of every decoder that
 *     shares the budgets; the decoder flushes its oldest assembly when a new one does not fit
 * @param maxContinuationBytes bytes held by all open continuation runs of every decoder that shares
 *     the budgets; a run that does not fit is emitted as it is, marked truncated
 * @param maxLegacyBytes bytes held by all partial legacy lines of every decoder that shares the
 *     budgets; a line that does not fit is emitted as a partial line
 * @param fragmentTimeout how long a fragmented message waits for its missing fragments
 * @param continuationTimeout how long a continuation run waits for its next {@code +} piece
 * @param continuationMaxAge how long a continuation run stays open from its first piece, however
 *     often pieces come
 * @param legacyFlushTimeout how long a legacy line without its newline waits for the rest
 * @param maxLegacyLineBytes a legacy line longer than this is emitted in parts
 * @param reorderWindow how long a sequence gap waits for late datagrams before it is reported
 *     as loss; also how recent a message must be for a copy of it to count as a duplicate
 * @param lateWindow how far below the highest seq a message not otherwise known may arrive and
 *     still be taken as late rather than as a restarted kernel
 * @param maxSeqJump the largest forward jump of seq (or msgid) read as loss; a larger one cannot
 *     be a real gap (or was forged) and is taken as a restart, never as that many lost messages
 * @param maxPendingGaps gaps waiting for late arrivals per source; beyond it the oldest gap is
 *     reported at once
 * @param maxSources sources this decoder tracks; beyond it the least valuable is forgotten
 * @param maxSourcesPerAddress sources (ports) one address may have tracked at once; beyond it the
 *     address's own least recently seen one is forgotten, so no address can crowd out others
 * @param sourceIdleTimeout a source silent this long is forgotten (its sequence state is lost)
 * @param sourceRate datagrams per second one source may send before the excess is dropped and
 *     counted; 0 turns the limit off
 * @param sourceBurst datagrams a source may send at once above {@code sourceRate}
 * @param crash timeouts and per-report bounds of the kernel reports gathered per source
 * @param maxCrashBytes bytes held by all open kernel reports of every decoder that shares the
 *     budgets; the lines of a report that do not fit are left out of its crash record, and counted
 */
public record DecoderLimits(
        int maxMessageBytes,
        int maxAssembliesPerSource,
        long maxAssemblyBytes,
        long maxContinuationBytes,
        long maxLegacyBytes,
        Duration fragmentTimeout,
        Duration continuationTimeout,
        Duration continuationMaxAge,
        Duration legacyFlushTimeout,
        int maxLegacyLineBytes,
        Duration reorderWindow,
        int lateWindow,
        long maxSeqJump,
        int maxPendingGaps,
        int maxSources,
        int maxSourcesPerAddress,
        Duration sourceIdleTimeout,
        int sourceRate,
        int sourceBurst,
        CrashLimits crash,
        long maxCrashBytes) {

    public DecoderLimits {
        requirePositive("maxMessageBytes", maxMessageBytes);
        requirePositive("maxAssembliesPerSource", maxAssembliesPerSource);
        requirePositive("maxAssemblyBytes", maxAssemblyBytes);
        requirePositive("maxContinuationBytes", maxContinuationBytes);
        requirePositive("maxLegacyBytes", maxLegacyBytes);
        requirePositive("maxLegacyLineBytes", maxLegacyLineBytes);
        requirePositive("lateWindow", lateWindow);
        requirePositive("maxSeqJump", maxSeqJump);
        requirePositive("maxPendingGaps", maxPendingGaps);
        requirePositive("maxSources", maxSources);
        requirePositive("maxSourcesPerAddress", maxSourcesPerAddress);
        requirePositive("maxCrashBytes", maxCrashBytes);
        Objects.requireNonNull(crash, "crash");
        if (sourceRate < 0 || sourceBurst < 0) {
            throw new IllegalArgumentException("sourceRate and sourceBurst must not be negative");
        }
        for (Duration d : new Duration[] {fragmentTimeout, continuationTimeout, continuationMaxAge, legacyFlushTimeout,
                reorderWindow, sourceIdleTimeout}) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("timeouts must be positive: " + d);
            }
        }
    }

    /** Defaults sized for a fleet within a 128 MiB heap; docs/operations.md ("Memory") adds them up. */
    public static DecoderLimits defaults() {
        return new Builder().build();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    public DecoderLimits withFragmentTimeout(Duration d) {
        return toBuilder().fragmentTimeout(d).build();
    }

    public DecoderLimits withMaxAssemblies(int perSource, long totalBytes) {
        return toBuilder().maxAssembliesPerSource(perSource).maxAssemblyBytes(totalBytes).build();
    }

    public DecoderLimits withMaxMessageBytes(int bytes) {
        return toBuilder().maxMessageBytes(bytes).build();
    }

    public DecoderLimits withMaxLegacyLineBytes(int bytes) {
        return toBuilder().maxLegacyLineBytes(bytes).build();
    }

    public DecoderLimits withMaxSources(int sources) {
        return toBuilder().maxSources(sources).build();
    }

    private static void requirePositive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }

    /** Starts from the defaults; set what differs. */
    public static final class Builder {
        private int maxMessageBytes = 64 * 1024;
        private int maxAssembliesPerSource = 16;
        private long maxAssemblyBytes = 16L << 20;
        private long maxContinuationBytes = 8L << 20;
        private long maxLegacyBytes = 8L << 20;
        private Duration fragmentTimeout = Duration.ofSeconds(5);
        private Duration continuationTimeout = Duration.ofSeconds(1);
        private Duration continuationMaxAge = Duration.ofSeconds(5);
        private Duration legacyFlushTimeout = Duration.ofSeconds(1);
        private int maxLegacyLineBytes = 64 * 1024;
        private Duration reorderWindow = Duration.ofSeconds(2);
        private int lateWindow = 1024;
        private long maxSeqJump = 1_000_000;
        private int maxPendingGaps = 64;
        private int maxSources = 32_768;
        private int maxSourcesPerAddress = 64;
        private Duration sourceIdleTimeout = Duration.ofHours(1);
        private int sourceRate;
        private int sourceBurst = 10_000;
        private CrashLimits crash = CrashLimits.defaults();
        private long maxCrashBytes = 8L << 20;

        public Builder() {
        }

        private Builder(DecoderLimits l) {
            maxMessageBytes = l.maxMessageBytes;
            maxAssembliesPerSource = l.maxAssembliesPerSource;
            maxAssemblyBytes = l.maxAssemblyBytes;
            maxContinuationBytes = l.maxContinuationBytes;
            maxLegacyBytes = l.maxLegacyBytes;
            fragmentTimeout = l.fragmentTimeout;
            continuationTimeout = l.continuationTimeout;
            continuationMaxAge = l.continuationMaxAge;
            legacyFlushTimeout = l.legacyFlushTimeout;
            maxLegacyLineBytes = l.maxLegacyLineBytes;
            reorderWindow = l.reorderWindow;
            lateWindow = l.lateWindow;
            maxSeqJump = l.maxSeqJump;
            maxPendingGaps = l.maxPendingGaps;
            maxSources = l.maxSources;
            maxSourcesPerAddress = l.maxSourcesPerAddress;
            sourceIdleTimeout = l.sourceIdleTimeout;
            sourceRate = l.sourceRate;
            sourceBurst = l.sourceBurst;
            crash = l.crash;
            maxCrashBytes = l.maxCrashBytes;
        }

        public Builder maxMessageBytes(int v) { maxMessageBytes = v; return this; }
        public Builder maxAssembliesPerSource(int v) { maxAssembliesPerSource = v; return this; }
        public Builder maxAssemblyBytes(long v) { maxAssemblyBytes = v; return this; }
        public Builder maxContinuationBytes(long v) { maxContinuationBytes = v; return this; }
        public Builder maxLegacyBytes(long v) { maxLegacyBytes = v; return this; }
        public Builder fragmentTimeout(Duration v) { fragmentTimeout = v; return this; }
        public Builder continuationTimeout(Duration v) { continuationTimeout = v; return this; }
        public Builder continuationMaxAge(Duration v) { continuationMaxAge = v; return this; }
        public Builder legacyFlushTimeout(Duration v) { legacyFlushTimeout = v; return this; }
        public Builder maxLegacyLineBytes(int v) { maxLegacyLineBytes = v; return this; }
        public Builder reorderWindow(Duration v) { reorderWindow = v; return this; }
        public Builder lateWindow(int v) { lateWindow = v; return this; }
        public Builder maxSeqJump(long v) { maxSeqJump = v; return this; }
        public Builder maxPendingGaps(int v) { maxPendingGaps = v; return this; }
        public Builder maxSources(int v) { maxSources = v; return this; }
        public Builder maxSourcesPerAddress(int v) { maxSourcesPerAddress = v; return this; }
        public Builder sourceIdleTimeout(Duration v) { sourceIdleTimeout = v; return this; }
        public Builder sourceRate(int v) { sourceRate = v; return this; }
        public Builder sourceBurst(int v) { sourceBurst = v; return this; }
        public Builder crash(CrashLimits v) { crash = v; return this; }
        public Builder maxCrashBytes(long v) { maxCrashBytes = v; return this; }

        public DecoderLimits build() {
            return new DecoderLimits(maxMessageBytes, maxAssembliesPerSource, maxAssemblyBytes, maxContinuationBytes,
                    maxLegacyBytes, fragmentTimeout, continuationTimeout, continuationMaxAge, legacyFlushTimeout,
                    maxLegacyLineBytes, reorderWindow, lateWindow, maxSeqJump, maxPendingGaps, maxSources,
                    maxSourcesPerAddress, sourceIdleTimeout, sourceRate, sourceBurst, crash, maxCrashBytes);
        }
    }
}
