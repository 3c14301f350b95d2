package dev.ncbridge.app.decode;

import java.net.InetSocketAddress;

/** One datagram to decode: its bytes, who sent it, and when it arrived (nanoseconds since the epoch). */
record Datagram(byte[] payload, InetSocketAddress source, long receivedAtNanos) {
}
