package dev.ncbridge.ingest.codec;

import dev.ncbridge.ingest.record.KernelMessage;
import dev.ncbridge.ingest.record.Record;
import dev.ncbridge.ingest.record.SourceEvent;
import dev.ncbridge.ingest.testing.KernelCaptures;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Feeds a whole kernel capture through one decoder, as a worker would, and keeps the output. */
final class CaptureReplay {
    final DecodeCounters counters = new DecodeCounters();
    final NetconsoleDecoder decoder = NetconsoleDecoder.withDefaults(counters);
    final List<Record> records = new ArrayList<>();

    static CaptureReplay of(String kernel) {
        CaptureReplay replay = new CaptureReplay();
        List<KernelCaptures.Datagram> datagrams = KernelCaptures.load(kernel);
        long last = 0;
        for (KernelCaptures.Datagram d : datagrams) {
            replay.decoder.decode(d.payload(), 0, d.payload().length, d.source(), d.receivedAtNanos(),
                    replay.records::add);
            last = d.receivedAtNanos();
        }
        // Past every timeout: whatever is still held is emitted.
        replay.decoder.expire(last + 60_000_000_000L, replay.records::add);
        return replay;
    }

    List<KernelMessage> messagesFrom(int port) {
        return records.stream()
                .filter(r -> r instanceof KernelMessage && r.source().getPort() == port)
                .map(KernelMessage.class::cast)
                .collect(Collectors.toList());
    }

    List<SourceEvent> eventsFrom(int port) {
        return records.stream()
                .filter(r -> r instanceof SourceEvent && r.source().getPort() == port)
                .map(SourceEvent.class::cast)
                .collect(Collectors.toList());
    }

    KernelMessage only(int port, String messagePrefix) {
        List<KernelMessage> found = messagesFrom(port).stream()
                .filter(r -> r.message().startsWith(messagePrefix))
                .collect(Collectors.toList());
        if (found.size() != 1) {
            throw new AssertionError("expected one record from port " + port + " starting with '" + messagePrefix
                    + "', found " + found.size() + ": " + found);
        }
        return found.get(0);
    }
}
