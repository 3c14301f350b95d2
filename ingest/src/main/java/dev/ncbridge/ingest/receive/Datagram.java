package dev.ncbridge.ingest.receive;

import java.net.InetSocketAddress;

/** One received datagram, copied out of the network buffer, on its way to a decode worker. */
public record Datagram(byte[] data, InetSocketAddress source, long receivedAtNanos) {
}
