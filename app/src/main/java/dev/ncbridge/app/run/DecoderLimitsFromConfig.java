package dev.ncbridge.app.run;

import dev.ncbridge.config.DecoderSettings;
import dev.ncbridge.ingest.codec.DecoderLimits;

/** The decoder's limits: the configured ones, and the built-in defaults for the rest. */
final class DecoderLimitsFromConfig {
    private DecoderLimitsFromConfig() {
    }

    static DecoderLimits of(DecoderSettings s) {
        DecoderLimits d = DecoderLimits.defaults();
        return new DecoderLimits(
                s.maxMessage().toIntBytes(),
                d.maxAssembliesPerSource(),
                s.maxAssemblyMemory().bytes(),
                s.fragmentTimeout(),
                s.continuationTimeout(),
                s.legacyFlush(),
                d.maxLegacyLineBytes(),
                d.reorderWindow(),
                d.sequenceWindow(),
                d.maxPendingGaps(),
                s.maxSources(),
                s.sourceIdle());
    }
}
