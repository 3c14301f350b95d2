package dev.ncbridge.ingest.codec;

import java.net.InetSocketAddress;

/**
 * Told of each message dropped as a duplicate, by source: a dropped copy makes no record, so
 * per-source duplicate counts (the sources API) can only come from here. Called on the decoder's
 * thread; must not block.
 */
@FunctionalInterface
public interface DuplicateListener {
    DuplicateListener NONE = source -> { };

    void duplicateDropped(InetSocketAddress source);
}
