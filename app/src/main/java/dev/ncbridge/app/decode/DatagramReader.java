package dev.ncbridge.app.decode;

import dev.ncbridge.ingest.receive.Datagram;
import java.io.IOException;

/** Datagrams read from some input, in arrival order. */
interface DatagramReader {

    /** The next datagram, or null at the end of the input. */
    Datagram next() throws IOException;
}
