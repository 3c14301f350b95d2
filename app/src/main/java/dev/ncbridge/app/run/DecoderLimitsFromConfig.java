package dev.ncbridge.app.run;

import dev.ncbridge.config.DecoderSettings;
import dev.ncbridge.config.ReceiveSettings;
import dev.ncbridge.ingest.codec.DecoderLimits;
import dev.ncbridge.ingest.crash.CrashLimits;
import dev.ncbridge.ingest.memory.MemoryBudgets;

/** The decoders' limits and the bridge's memory budgets, from the configuration and the built-in defaults. */
final class DecoderLimitsFromConfig {
    private DecoderLimitsFromConfig() {
    }

    /**
     * The limits of each of {@code workers} decoders. {@code max_sources} is for the whole bridge:
     * every source's address hashes to one worker, so each decoder takes an equal share.
     */
    static DecoderLimits of(DecoderSettings s, int workers) {
        return DecoderLimits.defaults().toBuilder()
                .maxMessageBytes(s.maxMessage().toIntBytes())
                .maxAssemblyBytes(s.maxAssemblyMemory().bytes())
                .maxContinuationBytes(s.maxContinuationMemory().bytes())
                .maxLegacyBytes(s.maxLegacyMemory().bytes())
                .fragmentTimeout(s.fragmentTimeout())
                .continuationTimeout(s.continuationTimeout())
                .continuationMaxAge(s.continuationMaxAge())
                .legacyFlushTimeout(s.legacyFlush())
                .maxSources(Math.max(1, (s.maxSources() + workers - 1) / workers))
                .maxSourcesPerAddress(s.maxSourcesPerAddress())
                .maxSeqJump(s.maxSeqJump())
                .sourceRate(s.sourceRate())
                .sourceBurst(s.sourceBurst())
                .sourceIdleTimeout(s.sourceIdle())
                .crash(new CrashLimits(s.crashGrace(), s.crashSilence(), CrashLimits.defaults().maxLineGap(),
                        s.maxCrashLines(), s.maxCrashReport().toIntBytes()))
                .maxCrashBytes(s.maxCrashMemory().bytes())
                .build();
    }

    /** The budgets every receiver and decoder of the bridge shares. */
    static MemoryBudgets budgets(ReceiveSettings receive, DecoderSettings decoder) {
        return MemoryBudgets.of(receive.ringMemory().bytes(), decoder.maxAssemblyMemory().bytes(),
                decoder.maxContinuationMemory().bytes(), decoder.maxLegacyMemory().bytes(),
                decoder.maxCrashMemory().bytes());
    }
}
