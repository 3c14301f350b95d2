package dev.ncbridge.config;

import java.time.Duration;

/** Limits and timeouts of the netconsole decoder; see docs/protocol.md for what each governs. */
public record DecoderSettings(Duration fragmentTimeout, Duration continuationTimeout, Duration legacyFlush,
                              DataSize maxMessage, DataSize maxAssemblyMemory, Integer maxSources,
                              Duration sourceIdle) {
    public DecoderSettings {
        fragmentTimeout = fragmentTimeout == null ? Duration.ofSeconds(5) : fragmentTimeout;
        continuationTimeout = continuationTimeout == null ? Duration.ofSeconds(1) : continuationTimeout;
        legacyFlush = legacyFlush == null ? Duration.ofSeconds(1) : legacyFlush;
        maxMessage = maxMessage == null ? DataSize.parse("64KiB") : maxMessage;
        maxAssemblyMemory = maxAssemblyMemory == null ? DataSize.parse("64MiB") : maxAssemblyMemory;
        maxSources = maxSources == null ? 100_000 : maxSources;
        sourceIdle = sourceIdle == null ? Duration.ofHours(1) : sourceIdle;
        requirePositive("fragment_timeout", fragmentTimeout);
        requirePositive("continuation_timeout", continuationTimeout);
        requirePositive("legacy_flush", legacyFlush);
        requirePositive("source_idle", sourceIdle);
        if (maxAssemblyMemory.bytes() < 1) {
            throw new IllegalArgumentException("max_assembly_memory must be at least 1 byte");
        }
        if (maxMessage.bytes() < 1024 || maxMessage.bytes() > (1 << 24)) {
            throw new IllegalArgumentException("max_message must be from 1KiB to 16MiB");
        }
        if (maxSources < 1) {
            throw new IllegalArgumentException("max_sources must be at least 1");
        }
    }

    private static void requirePositive(String key, Duration d) {
        if (d.isZero()) {
            throw new IllegalArgumentException(key + " must be longer than 0s");
        }
    }

    static DecoderSettings defaults() {
        return new DecoderSettings(null, null, null, null, null, null, null);
    }
}
