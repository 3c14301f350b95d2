package dev.ncbridge.ingest.codec;

import dev.ncbridge.ingest.memory.MemoryBudgets;
import dev.ncbridge.ingest.record.EventType;
import dev.ncbridge.ingest.record.KernelMessage;
import dev.ncbridge.ingest.record.Record;
import dev.ncbridge.ingest.record.SourceEvent;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** A decoder driven by hand: datagrams as strings, time in milliseconds from an arbitrary epoch. */
final class DecoderHarness {
    static final InetSocketAddress HOST = new InetSocketAddress("10.0.0.5", 6665);
    private static final long EPOCH_NANOS = 1_795_000_000_000_000_000L;

    final DecodeCounters counters = new DecodeCounters();
    final NetconsoleDecoder decoder;
    final List<Record> out = new ArrayList<>();

    DecoderHarness() {
        this(DecoderLimits.defaults());
    }

    DecoderHarness(DecoderLimits limits) {
        decoder = new NetconsoleDecoder(limits, SourceNamer.ADDRESS, counters);
    }

    /** A decoder that tells {@code listener} of its sources and shares {@code budgets}. */
    DecoderHarness(DecoderLimits limits, MemoryBudgets budgets, SourceListener listener) {
        decoder = new NetconsoleDecoder(limits, budgets, SourceNamer.ADDRESS, counters, listener);
    }

    static long nanos(long millis) {
        return EPOCH_NANOS + millis * 1_000_000L;
    }

    DecoderHarness send(String datagram, long atMillis) {
        return send(HOST, datagram, atMillis);
    }

    DecoderHarness send(InetSocketAddress source, String datagram, long atMillis) {
        byte[] b = datagram.getBytes(StandardCharsets.UTF_8);
        decoder.decode(b, 0, b.length, source, nanos(atMillis), out::add);
        return this;
    }

    /** Decodes {@code datagram} from inside a larger buffer, as a receiver's pooled buffer would hold it. */
    DecoderHarness sendBytes(InetSocketAddress source, byte[] datagram, long atMillis) {
        byte[] buf = new byte[datagram.length + 7];
        java.util.Arrays.fill(buf, (byte) ';');
        System.arraycopy(datagram, 0, buf, 3, datagram.length);
        decoder.decode(buf, 3, datagram.length, source, nanos(atMillis), out::add);
        return this;
    }

    DecoderHarness sendBytes(byte[] datagram, long atMillis) {
        return sendBytes(HOST, datagram, atMillis);
    }

    DecoderHarness expire(long atMillis) {
        decoder.expire(nanos(atMillis), out::add);
        return this;
    }

    DecoderHarness flush(long atMillis) {
        decoder.flushAll(nanos(atMillis), out::add);
        return this;
    }

    List<KernelMessage> messages() {
        return out.stream().filter(KernelMessage.class::isInstance).map(KernelMessage.class::cast)
                .collect(Collectors.toList());
    }

    List<String> texts() {
        return messages().stream().map(Record::message).collect(Collectors.toList());
    }

    List<SourceEvent> events(EventType type) {
        return out.stream().filter(SourceEvent.class::isInstance).map(SourceEvent.class::cast)
                .filter(e -> e.event().type() == type).collect(Collectors.toList());
    }

    /** What came out, in order: message text, or the event type in angle brackets. */
    List<String> timeline() {
        return out.stream()
                .map(r -> r instanceof SourceEvent e ? "<" + e.event().type().wireName() + ">" : r.message())
                .collect(Collectors.toList());
    }
}
