package dev.ncbridge.ingest.record;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * An event the bridge derived about a source ({@code loss}, {@code source_reset},
 * {@code source_silent}, {@code source_back}).
 *
 * @param format the format the source sends, or {@code null} when it is not known
 * @param message a one-line summary
 * @param event the event's type and details
 */
public record SourceEvent(long receivedAtNanos, InetSocketAddress source, String hostName, Format format,
                          String message, Event event) implements Record {
    public static final String KIND = "event";

    public SourceEvent {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(hostName, "hostName");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(event, "event");
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String toString() {
        return "SourceEvent{" + source + ' ' + event + " '" + message + "'}";
    }
}
