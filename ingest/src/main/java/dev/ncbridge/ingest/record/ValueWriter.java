package dev.ncbridge.ingest.record;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;

/**
 * Receives a {@link Field}'s value in its own type, so that an encoder writes it without first
 * turning it into an object or a string. A field calls exactly one method, or none when the
 * record lacks it.
 */
public interface ValueWriter {
    void string(String value);

    /**
     * A string from a few long-lived values: an enum constant's text, a constant, a source's
     * name. The same string object comes again and again, so a writer may keep what it made of
     * it by identity; any string is still written right.
     */
    void keyword(String value);

    void number(long value);

    void bool(boolean value);

    /** Nanoseconds since the epoch. */
    void time(long epochNanos);

    /** A socket address's address part (its host string if it was never resolved). */
    void address(InetSocketAddress address);

    /** Bytes as received: possibly not UTF-8. */
    void bytes(byte[] value);

    /** Key-value pairs in arrival order; a key may repeat. */
    void pairs(List<KeyValue> pairs);

    /** Named details in a stable order; each value is a String, a Long, an Integer or a Boolean. */
    void details(Map<String, Object> details);

    /** A list of objects, each written as {@link #details} writes one (a crash report's frames). */
    void rows(List<Map<String, Object>> rows);
}
