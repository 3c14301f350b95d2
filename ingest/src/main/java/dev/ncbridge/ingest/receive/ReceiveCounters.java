package dev.ncbridge.ingest.receive;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the receive path counts: datagrams and bytes taken in, datagrams dropped, by reason, and the
 * times a receiver stopped reading at full rings. Datagrams and bytes taken in are added once per
 * read cycle, when it ends, so the count can trail the datagrams' records by that cycle.
 */
public final class ReceiveCounters {
    /** Why a datagram never reached a decoder. */
    public enum Drop {
        /**
         * The decode worker's ring was full when the socket that held the datagram closed (a stop or
         * a reload while decoding was slower than the network). A receiver otherwise keeps what a
         * full ring refuses and stops reading until there is room.
         */
        RING_FULL("ring_full"),
        /** The same, the rings' memory ({@code receive.ring_memory}) spent. */
        RING_MEMORY("ring_memory"),
        /** Larger than any netconsole datagram can be; cut by the socket, so never decoded as complete. */
        TRUNCATED("truncated"),
        /** The sender is not in {@code sources.allow}. */
        NOT_ALLOWED("not_allowed");

        private final String label;

        Drop(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private final LongAdder datagrams = new LongAdder();
    private final LongAdder bytes = new LongAdder();
    private final Map<Drop, LongAdder> drops = new EnumMap<>(Drop.class);
    private final LongAdder pauses = new LongAdder();

    public ReceiveCounters() {
        for (Drop d : Drop.values()) {
            drops.put(d, new LongAdder());
        }
    }

    void received(int datagrams, long bytes) {
        if (datagrams > 0) {
            this.datagrams.add(datagrams);
            this.bytes.add(bytes);
        }
    }

    void drop(Drop reason) {
        drops.get(reason).increment();
    }

    void paused() {
        pauses.increment();
    }

    public long datagrams() {
        return datagrams.sum();
    }

    public long bytes() {
        return bytes.sum();
    }

    public long dropped(Drop reason) {
        return drops.get(reason).sum();
    }

    /** Times a receiver stopped reading its socket because the rings refused a datagram. */
    public long pauses() {
        return pauses.sum();
    }
}
