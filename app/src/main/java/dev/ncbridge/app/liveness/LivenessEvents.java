package dev.ncbridge.app.liveness;

import dev.ncbridge.ingest.record.AddressText;
import dev.ncbridge.ingest.record.Event;
import dev.ncbridge.ingest.record.EventType;
import dev.ncbridge.ingest.record.Format;
import dev.ncbridge.ingest.record.SourceEvent;
import dev.ncbridge.sink.encode.TimestampFormatter;
import java.net.InetSocketAddress;

/** Builds the {@code source_silent} and {@code source_back} event records. */
public final class LivenessEvents {
    private LivenessEvents() {
    }

    /** {@code source} sent nothing since {@code lastSeenNanos}; {@code neverSeen}: it never sent at all. */
    public static SourceEvent silent(InetSocketAddress source, String hostName, Format format, long lastSeenNanos,
                                long silentAfterNanos, boolean neverSeen, long nowNanos) {
        Event event = Event.builder(EventType.SOURCE_SILENT)
                .put("silent_after_ms", silentAfterNanos / 1_000_000)
                .put(neverSeen ? "expected_since" : "last_seen", TimestampFormatter.format(lastSeenNanos))
                .put("never_seen", neverSeen)
                .build();
        String message = neverSeen
                ? hostName + " (" + describe(source) + ") is in the inventory but has sent nothing since "
                        + TimestampFormatter.format(lastSeenNanos)
                : hostName + " (" + describe(source) + ") went silent: nothing since "
                        + TimestampFormatter.format(lastSeenNanos);
        return event(source, hostName, format, event, message, nowNanos);
    }

    /** {@code source} sent again after {@code silentForNanos}; {@code firstSeen}: for the first time. */
    public static SourceEvent back(InetSocketAddress source, String hostName, Format format, long silentForNanos,
                              boolean firstSeen, long nowNanos) {
        Event event = Event.builder(EventType.SOURCE_BACK)
                .put("silent_for_ms", silentForNanos / 1_000_000)
                .put("first_seen", firstSeen)
                .build();
        String message = hostName + " (" + describe(source) + ") is sending "
                + (firstSeen ? "for the first time" : "again") + " after " + silentForNanos / 1_000_000_000
                + "s of silence";
        return event(source, hostName, format, event, message, nowNanos);
    }

    private static String describe(InetSocketAddress source) {
        return source.getPort() == 0 ? AddressText.of(source) : AddressText.withPort(source);
    }

    private static SourceEvent event(InetSocketAddress source, String hostName, Format format, Event event,
                                     String message, long nowNanos) {
        return new SourceEvent(nowNanos, source, hostName, format == null ? Format.EXTENDED : format, message, event);
    }
}
