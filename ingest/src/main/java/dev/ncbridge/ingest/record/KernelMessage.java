package dev.ncbridge.ingest.record;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * One decoded kernel message, extended or legacy.
 *
 * <p>Parts a message may lack are {@code null} components, not sentinels or {@code Optional}s:
 * a record is built for every message on the decode path, and a null costs nothing there while an
 * {@code Optional} is one more object. Each such component says when it is null.
 *
 * @param receivedAtNanos when the bridge received the (last) datagram, nanoseconds since the epoch
 * @param message the text, unescaped and UTF-8 decoded
 * @param kernelTsUs microseconds since the source booted; {@code null} for a legacy line without a
 *     timestamp
 * @param fragments how many datagrams the message was assembled from, at least 1
 * @param incomplete whether part of the message never arrived and this holds what did
 * @param raw the message as received: the datagram for an unfragmented message, the header
 *     (without {@code ncfrag}) and reassembled payload for a fragmented one, the line for legacy
 *     text. The array is shared: callers must not modify it. Like every array component of a Java
 *     record, it takes part in {@code equals} by identity, not content.
 * @param ping the liveness ping this message is, as the decoder classified it; {@code null} for
 *     every other message
 * @param extended what the extended format adds; {@code null} for a legacy line
 */
public record KernelMessage(long receivedAtNanos, InetSocketAddress source, String hostName, String message,
                            Long kernelTsUs, int fragments, boolean incomplete, byte[] raw, Ping ping,
                            Extended extended) implements Record {
    public static final String KIND = "message";

    public KernelMessage {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(hostName, "hostName");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(raw, "raw");
        if (fragments < 1) {
            throw new IllegalArgumentException("a message comes from at least one datagram: " + fragments);
        }
    }

    @Override
    public Format format() {
        return extended == null ? Format.LEGACY : Format.EXTENDED;
    }

    @Override
    public String kind() {
        return KIND;
    }

    public KernelMessage withHostName(String name) {
        return new KernelMessage(receivedAtNanos, source, name, message, kernelTsUs, fragments, incomplete, raw, ping,
                extended);
    }

    public KernelMessage withRaw(byte[] bytes) {
        return new KernelMessage(receivedAtNanos, source, hostName, message, kernelTsUs, fragments, incomplete, bytes,
                ping, extended);
    }

    @Override
    public String toString() {
        return "KernelMessage{" + source + (extended != null ? " seq=" + extended.seq() : "") + " '" + message + "'}";
    }
}
