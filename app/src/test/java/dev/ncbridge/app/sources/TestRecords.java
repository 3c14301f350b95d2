package dev.ncbridge.app.sources;

import dev.ncbridge.ingest.record.AddressText;
import dev.ncbridge.ingest.record.Event;
import dev.ncbridge.ingest.record.EventType;
import dev.ncbridge.ingest.record.Format;
import dev.ncbridge.ingest.record.KernelMessage;
import dev.ncbridge.ingest.record.Ping;
import dev.ncbridge.ingest.record.Record;
import dev.ncbridge.ingest.record.SourceEvent;
import dev.ncbridge.ingest.testing.Records;
import java.net.InetSocketAddress;
import java.time.Instant;

/** Records as the decoders emit them, at chosen times, for feeding a {@link SourceRegistry}. */
public final class TestRecords {
    /** 2026-11-21T10:00:00Z: seconds after it are {@link #at(long)}. */
    public static final Instant BASE = Instant.parse("2026-11-21T10:00:00Z");

    private TestRecords() {
    }

    public static long at(long second) {
        return (BASE.getEpochSecond() + second) * 1_000_000_000L;
    }

    public static InetSocketAddress source(String ip, int port) {
        return new InetSocketAddress(ip, port);
    }

    public static KernelMessage extended(InetSocketAddress source, long seq, long second) {
        return Records.extended()
                .source(source)
                .message("message " + seq)
                .seq(seq)
                .kernelTsUs(seq * 1000)
                .receivedAtNanos(at(second))
                .build();
    }

    /** {@code m} as the decoder would have classified it had its text been {@code ping}'s. */
    public static KernelMessage pinged(KernelMessage m, Ping ping) {
        return new KernelMessage(m.receivedAtNanos(), m.source(), m.hostName(), ping.text(), m.kernelTsUs(),
                m.fragments(), m.incomplete(), m.raw(), ping, m.extended());
    }

    public static KernelMessage legacy(InetSocketAddress source, long kernelTsUs, long second) {
        return Records.legacy()
                .source(source)
                .message("legacy line")
                .kernelTsUs(kernelTsUs)
                .receivedAtNanos(at(second))
                .build();
    }

    /** A loss event with the details the decoder gives one. */
    public static Record loss(InetSocketAddress source, long first, long last, long second) {
        Event event = Event.builder(EventType.LOSS)
                .put("counter", "msgid")
                .put("first", first)
                .put("last", last)
                .put("missing", last - first + 1)
                .build();
        return event(source, event, second);
    }

    public static Record reset(InetSocketAddress source, long second) {
        Event event = Event.builder(EventType.SOURCE_RESET)
                .put("previous_seq", 900)
                .put("previous_kernel_ts_us", 9_000_000)
                .put("seq", 1)
                .put("kernel_ts_us", 1000)
                .build();
        return event(source, event, second);
    }

    private static Record event(InetSocketAddress source, Event event, long second) {
        return new SourceEvent(at(second), source, AddressText.of(source.getAddress()), Format.EXTENDED,
                event.toString(), event);
    }
}
