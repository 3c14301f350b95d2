package dev.ncbridge.ingest.record;

import java.net.InetSocketAddress;

/**
 * What the decoder hands on: a {@link KernelMessage} a source sent, a {@link SourceEvent} the
 * bridge derived about a source, or a {@link CrashRecord}: a kernel report gathered from a
 * source's messages. Immutable. What every kind has is here; code whose behaviour
 * differs by kind tests the type ({@code instanceof} patterns: a {@code switch} on type patterns
 * needs Java 21, and the project builds for 17). Another kind is one more permitted type.
 */
public sealed interface Record permits KernelMessage, SourceEvent, CrashRecord {
    /** When the bridge received the (last) datagram of this record, in nanoseconds since the epoch. */
    long receivedAtNanos();

    /** The datagram's source address and port: the identity of a netconsole target. */
    InetSocketAddress source();

    /** The source's name: from the configured map or reverse DNS, else its address. */
    String hostName();

    /** The text: the decoded message, or a one-line summary of an event. */
    String message();

    /** The target format the record came from or is about, or {@code null} when it is tied to none. */
    Format format();

    /**
     * The kind's name in encoded records ({@code "kind": "message"}) and route matches: the same
     * for every record of a class, which encoders may rely on ({@code Fields.KIND}).
     */
    String kind();
}
