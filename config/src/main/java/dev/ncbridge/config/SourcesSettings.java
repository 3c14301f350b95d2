package dev.ncbridge.config;

import java.util.List;

/**
 * Which senders are accepted and what they are called.
 *
 * @param allow CIDR blocks or addresses accepted; empty accepts every sender
 * @param names a file of "address name" lines
 * @param reverseDns look names up in DNS when the names file has none (cached, off the hot path)
 */
public record SourcesSettings(List<Cidr> allow, String names, Boolean reverseDns) {
    public SourcesSettings {
        allow = allow == null ? List.of() : List.copyOf(allow);
        reverseDns = reverseDns != null && reverseDns;
    }

    static SourcesSettings defaults() {
        return new SourcesSettings(null, null, null);
    }
}
