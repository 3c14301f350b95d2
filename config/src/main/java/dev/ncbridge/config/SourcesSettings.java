package dev.ncbridge.config;

import java.time.Duration;
import java.util.List;

/**
 * Which senders are accepted, what they are called, and when one counts as silent.
 *
 * @param allow CIDR blocks or addresses accepted; empty accepts every sender
 * @param names a file of "address name" lines
 * @param reverseDns look names up in DNS when the names file has none (cached, off the hot path)
 * @param silentAfter a source that sent nothing for this long is silent; null: never
 * @param inventory a file of the hosts that should be sending ("address [name] [silent_after=D]")
 * @param forwardPings whether ping messages also go to the sinks, not only to the ping registry
 */
public record SourcesSettings(List<Cidr> allow, String names, Boolean reverseDns, Duration silentAfter,
                              String inventory, Boolean forwardPings) {
    public SourcesSettings {
        allow = allow == null ? List.of() : List.copyOf(allow);
        reverseDns = reverseDns != null && reverseDns;
        forwardPings = forwardPings != null && forwardPings;
        if (silentAfter != null && (silentAfter.isZero() || silentAfter.isNegative())) {
            throw new IllegalArgumentException("silent_after must be positive; leave it out to never call a source silent");
        }
    }

    static SourcesSettings defaults() {
        return new SourcesSettings(null, null, null, null, null, null);
    }
}
