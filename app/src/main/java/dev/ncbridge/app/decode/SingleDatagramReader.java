package dev.ncbridge.app.decode;

import dev.ncbridge.ingest.receive.Datagram;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.function.LongSupplier;

/** The whole input as one raw datagram, as if it had just arrived from one source. */
final class SingleDatagramReader implements DatagramReader {
    /** The most a UDP datagram can carry (its length field is 16 bits). */
    static final int MAX_DATAGRAM_BYTES = 65535;

    private final InputStream in;
    private final InetSocketAddress source;
    private final LongSupplier clock;
    private boolean done;

    SingleDatagramReader(InputStream in, InetSocketAddress source, LongSupplier clock) {
        this.in = in;
        this.source = source;
        this.clock = clock;
    }

    @Override
    public Datagram next() throws IOException {
        if (done) {
            return null;
        }
        done = true;
        // One byte past the limit tells a too-large input from one exactly at it, without
        // reading a large file whole.
        byte[] payload = in.readNBytes(MAX_DATAGRAM_BYTES + 1);
        if (payload.length > MAX_DATAGRAM_BYTES) {
            throw new IOException("more than " + MAX_DATAGRAM_BYTES
                    + " bytes, too large for one datagram (for a capture file, use --input capture)");
        }
        return new Datagram(payload, source, clock.getAsLong());
    }
}
