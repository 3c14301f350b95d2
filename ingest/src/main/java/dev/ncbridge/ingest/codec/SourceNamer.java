package dev.ncbridge.ingest.codec;

import dev.ncbridge.ingest.record.AddressText;
import java.net.InetSocketAddress;

/**
 * Names a source. The decoder asks when it first sees a source and again only after
 * {@link #version()} changed, so names learnt later (reverse DNS answering in the background, a
 * reloaded names file) reach sources already known. It must not block.
 */
@FunctionalInterface
public interface SourceNamer {
    /** The address text, the default when no name is configured. */
    SourceNamer ADDRESS = source -> AddressText.of(source.getAddress());

    String nameOf(InetSocketAddress source);

    /** Changes whenever some source's name may have changed; read once per datagram, so keep it cheap. */
    default long version() {
        return 0;
    }
}
