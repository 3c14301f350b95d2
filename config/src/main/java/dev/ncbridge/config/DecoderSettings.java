package dev.ncbridge.config;

import java.time.Duration;

/**
 * Limits and timeouts of the netconsole decoder; see docs/protocol.md for what each governs and
 * docs/operations.md ("Memory") for how the memory limits add up. Memory and source limits hold
 * for the whole bridge, over all decode workers.
 */
public record DecoderSettings(Duration fragmentTimeout, Duration continuationTimeout, Duration continuationMaxAge,
                              Duration legacyFlush, DataSize maxMessage, DataSize maxAssemblyMemory,
                              DataSize maxContinuationMemory, DataSize maxLegacyMemory, Integer maxSources,
                              Integer maxSourcesPerAddress, Long maxSeqJump, Integer sourceRate, Integer sourceBurst,
                              Duration sourceIdle, DataSize maxCrashMemory, DataSize maxCrashReport,
                              Integer maxCrashLines, Duration crashGrace, Duration crashSilence) {
    public DecoderSettings {
        fragmentTimeout = fragmentTimeout == null ? Duration.ofSeconds(5) : fragmentTimeout;
        continuationTimeout = continuationTimeout == null ? Duration.ofSeconds(1) : continuationTimeout;
        continuationMaxAge = continuationMaxAge == null ? Duration.ofSeconds(5) : continuationMaxAge;
        legacyFlush = legacyFlush == null ? Duration.ofSeconds(1) : legacyFlush;
        maxMessage = maxMessage == null ? DataSize.parse("64KiB") : maxMessage;
        maxAssemblyMemory = maxAssemblyMemory == null ? DataSize.parse("8MiB") : maxAssemblyMemory;
        maxContinuationMemory = maxContinuationMemory == null ? DataSize.parse("4MiB") : maxContinuationMemory;
        maxLegacyMemory = maxLegacyMemory == null ? DataSize.parse("4MiB") : maxLegacyMemory;
        maxSources = maxSources == null ? 32_768 : maxSources;
        maxSourcesPerAddress = maxSourcesPerAddress == null ? 64 : maxSourcesPerAddress;
        maxSeqJump = maxSeqJump == null ? 1_000_000L : maxSeqJump;
        sourceRate = sourceRate == null ? 0 : sourceRate;
        sourceBurst = sourceBurst == null ? 10_000 : sourceBurst;
        sourceIdle = sourceIdle == null ? Duration.ofHours(1) : sourceIdle;
        maxCrashMemory = maxCrashMemory == null ? DataSize.parse("8MiB") : maxCrashMemory;
        maxCrashReport = maxCrashReport == null ? DataSize.parse("64KiB") : maxCrashReport;
        maxCrashLines = maxCrashLines == null ? 400 : maxCrashLines;
        crashGrace = crashGrace == null ? Duration.ofSeconds(2) : crashGrace;
        crashSilence = crashSilence == null ? Duration.ofSeconds(10) : crashSilence;
        requirePositive("fragment_timeout", fragmentTimeout);
        requirePositive("continuation_timeout", continuationTimeout);
        requirePositive("continuation_max_age", continuationMaxAge);
        requirePositive("legacy_flush", legacyFlush);
        requirePositive("source_idle", sourceIdle);
        requirePositive("crash_grace", crashGrace);
        requirePositive("crash_silence", crashSilence);
        if (maxMessage.bytes() < 1024 || maxMessage.bytes() > (1 << 24)) {
            throw new IllegalArgumentException("max_message must be from 1KiB to 16MiB");
        }
        for (DataSize memory : new DataSize[] {maxAssemblyMemory, maxContinuationMemory, maxLegacyMemory}) {
            if (memory.bytes() < maxMessage.bytes()) {
                throw new IllegalArgumentException("max_assembly_memory, max_continuation_memory and max_legacy_memory"
                        + " must each hold at least one max_message (" + maxMessage + ")");
            }
        }
        if (maxSources < 1) {
            throw new IllegalArgumentException("max_sources must be at least 1");
        }
        if (maxSourcesPerAddress < 1) {
            throw new IllegalArgumentException("max_sources_per_address must be at least 1");
        }
        if (maxSeqJump < 1) {
            throw new IllegalArgumentException("max_seq_jump must be at least 1");
        }
        if (maxCrashReport.bytes() < 1024 || maxCrashReport.bytes() > maxCrashMemory.bytes()) {
            throw new IllegalArgumentException("max_crash_report must be at least 1KiB and at most max_crash_memory ("
                    + maxCrashMemory + ")");
        }
        if (maxCrashLines < 1) {
            throw new IllegalArgumentException("max_crash_lines must be at least 1");
        }
        if (sourceRate < 0 || sourceBurst < 0) {
            throw new IllegalArgumentException("source_rate and source_burst must not be negative (0 turns the rate limit off)");
        }
    }

    private static void requirePositive(String key, Duration d) {
        if (d.isZero()) {
            throw new IllegalArgumentException(key + " must be longer than 0s");
        }
    }

    static DecoderSettings defaults() {
        return new DecoderSettings(null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null);
    }
}
