package dev.ncbridge.ingest.receive;

import java.net.InetSocketAddress;

/**
 * One received datagram, copied out of the network buffer: its bytes, who sent it, and when it
 * arrived (nanoseconds since the epoch). On its way to a decode worker, or read from a capture.
 */
public record Datagram(byte[] data, InetSocketAddress source, long receivedAtNanos) {
    /**
     * Heap bytes one datagram holds while it waits in a ring, for the ring's memory budget: its
     * data, plus this record, the array header and the sender's address objects.
     */
    long footprint() {
        return data.length + 160L;
    }
}
