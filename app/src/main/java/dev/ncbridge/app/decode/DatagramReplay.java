package dev.ncbridge.app.decode;

import dev.ncbridge.ingest.codec.NetconsoleDecoder;
import dev.ncbridge.ingest.receive.Datagram;
import dev.ncbridge.ingest.record.Record;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * Feeds datagrams through one decoder in arrival order, with the datagrams' own receive times as
 * the decoder's clock, so that fragment, continuation and line timeouts fire where they would
 * have fired live, however fast the input is read.
 */
final class DatagramReplay {
    private final NetconsoleDecoder decoder;

    DatagramReplay(NetconsoleDecoder decoder) {
        this.decoder = decoder;
    }

    /** Decodes every datagram of {@code reader}, then flushes whatever the decoder still holds. */
    void run(DatagramReader reader, Consumer<Record> out) throws IOException {
        long now = 0;
        Datagram d;
        while ((d = reader.next()) != null) {
            now = d.receivedAtNanos();
            // What timed out before this datagram arrived comes out before anything it completes.
            decoder.expire(now, out);
            decoder.decodeOwned(d.data(), d.source(), now, out);
        }
        // The input has ended, not the sources: nothing more is coming, so nothing waits.
        decoder.flushAll(now, out);
    }
}
