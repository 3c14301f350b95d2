package dev.ncbridge.ingest.codec;

import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * The decoder's word to whoever keeps views of its sources (the sources API, host names). The
 * decoder owns each source's life: it admits and forgets sources, and says so here, so every view
 * follows the one decision. Called on the decoder's thread; must not block.
 */
public interface SourceListener {
    SourceListener NONE = new SourceListener() {
    };

    /**
     * Whether sources from this address are expected (listed in the inventory): they are never
     * forgotten to make room for others, nor for being idle. Asked once per new source.
     */
    default boolean expected(InetAddress address) {
        return false;
    }

    /** A message was dropped as a duplicate: it makes no record, so per-source counts come from here. */
    default void duplicateDropped(InetSocketAddress source) {
    }

    /**
     * The decoder forgot a source (idle, or to make room), after emitting everything it held for it.
     *
     * @param lastOfAddress whether no other source of the same address is left
     */
    default void forgotten(InetSocketAddress source, boolean lastOfAddress) {
    }
}
