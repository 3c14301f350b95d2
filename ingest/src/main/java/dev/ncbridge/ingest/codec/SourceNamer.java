package dev.ncbridge.ingest.codec;

import java.net.InetSocketAddress;

/**
 * Names a source when the decoder first sees it. The decoder asks once per source, so an
 * implementation may consult a map; it must not block (reverse DNS belongs off the hot path).
 */
@FunctionalInterface
public interface SourceNamer {
    /** The address text, the default when no name is configured. */
    SourceNamer ADDRESS = source -> source.getAddress().getHostAddress();

    String nameOf(InetSocketAddress source);
}
