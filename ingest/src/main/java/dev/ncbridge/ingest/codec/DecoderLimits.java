package dev.ncbridge.ingest.codec;

import java.time.Duration;

/**
 * Bounds and timeouts of one {@link NetconsoleDecoder}. Every buffer the decoder keeps is bounded
 * by one of these, per source and in total, so a flood from one source cannot exhaust memory.
 *
 * @param maxMessageBytes largest {@code ncfrag} total accepted; the kernel sends at most a few
 *     KiB (an 8 KiB record plus userdata), so anything larger is rejected as malformed
 * @param maxAssembliesPerSource fragmented messages in flight per source; the oldest is flushed
 *     incomplete when a new one would exceed this
 * @param maxAssemblyBytes bytes held by all in-flight fragmented messages of this decoder;
 *     the oldest assembly is flushed incomplete when a new one would exceed this
 * @param fragmentTimeout how long a fragmented message waits for its missing fragments
 * @param continuationTimeout how long a {@code c} record waits for its {@code +} pieces
 * @param legacyFlushTimeout how long a legacy line without its newline waits for the rest
 * @param maxLegacyLineBytes a legacy line longer than this is emitted in parts
 * @param reorderWindow how long a sequence gap waits for late datagrams before it is reported
 *     as loss; also how recent a message must be for a copy of it to count as a duplicate
 * @param sequenceWindow how many recent sequence numbers are remembered per source to tell
 *     duplicates and late arrivals from a restarted kernel (a power of two)
 * @param maxPendingGaps gaps waiting for late arrivals per source; beyond it the oldest gap is
 *     reported at once
 * @param maxSources sources tracked; the least recently seen is forgotten beyond it
 * @param sourceIdleTimeout a source silent this long is forgotten (its sequence state is lost)
 */
public record DecoderLimits(
        int maxMessageBytes,
        int maxAssembliesPerSource,
        long maxAssemblyBytes,
        Duration fragmentTimeout,
        Duration continuationTimeout,
        Duration legacyFlushTimeout,
        int maxLegacyLineBytes,
        Duration reorderWindow,
        int sequenceWindow,
        int maxPendingGaps,
        int maxSources,
        Duration sourceIdleTimeout) {

    public DecoderLimits {
        requirePositive("maxMessageBytes", maxMessageBytes);
        requirePositive("maxAssembliesPerSource", maxAssembliesPerSource);
        requirePositive("maxAssemblyBytes", maxAssemblyBytes);
        requirePositive("maxLegacyLineBytes", maxLegacyLineBytes);
        requirePositive("maxPendingGaps", maxPendingGaps);
        requirePositive("maxSources", maxSources);
        if (sequenceWindow < 2 || Integer.bitCount(sequenceWindow) != 1) {
            throw new IllegalArgumentException("sequenceWindow must be a power of two >= 2: " + sequenceWindow);
        }
        for (Duration d : new Duration[] {fragmentTimeout, continuationTimeout, legacyFlushTimeout,
                reorderWindow, sourceIdleTimeout}) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("timeouts must be positive: " + d);
            }
        }
    }

    /** Defaults sized for a fleet: generous for real kernels, small enough for 100k sources. */
    public static DecoderLimits defaults() {
        return new DecoderLimits(
                64 * 1024,
                16,
                64L * 1024 * 1024,
                Duration.ofSeconds(5),
                Duration.ofSeconds(1),
                Duration.ofSeconds(1),
                64 * 1024,
                Duration.ofSeconds(2),
                1024,
                64,
                100_000,
                Duration.ofHours(1));
    }

    public DecoderLimits withFragmentTimeout(Duration d) {
        return new DecoderLimits(maxMessageBytes, maxAssembliesPerSource, maxAssemblyBytes, d, continuationTimeout,
                legacyFlushTimeout, maxLegacyLineBytes, reorderWindow, sequenceWindow, maxPendingGaps, maxSources,
                sourceIdleTimeout);
    }

    public DecoderLimits withMaxAssemblies(int perSource, long totalBytes) {
        return new DecoderLimits(maxMessageBytes, perSource, totalBytes, fragmentTimeout, continuationTimeout,
                legacyFlushTimeout, maxLegacyLineBytes, reorderWindow, sequenceWindow, maxPendingGaps, maxSources,
                sourceIdleTimeout);
    }

    public DecoderLimits withMaxMessageBytes(int bytes) {
        return new DecoderLimits(bytes, maxAssembliesPerSource, maxAssemblyBytes, fragmentTimeout, continuationTimeout,
                legacyFlushTimeout, maxLegacyLineBytes, reorderWindow, sequenceWindow, maxPendingGaps, maxSources,
                sourceIdleTimeout);
    }

    public DecoderLimits withMaxLegacyLineBytes(int bytes) {
        return new DecoderLimits(maxMessageBytes, maxAssembliesPerSource, maxAssemblyBytes, fragmentTimeout,
                continuationTimeout, legacyFlushTimeout, bytes, reorderWindow, sequenceWindow, maxPendingGaps,
                maxSources, sourceIdleTimeout);
    }

    public DecoderLimits withMaxSources(int sources) {
        return new DecoderLimits(maxMessageBytes, maxAssembliesPerSource, maxAssemblyBytes, fragmentTimeout,
                continuationTimeout, legacyFlushTimeout, maxLegacyLineBytes, reorderWindow, sequenceWindow,
                maxPendingGaps, sources, sourceIdleTimeout);
    }

    private static void requirePositive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }
}
