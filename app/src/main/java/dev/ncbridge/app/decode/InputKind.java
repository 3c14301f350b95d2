package dev.ncbridge.app.decode;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.function.LongSupplier;

/** How {@code decode} reads its input. */
enum InputKind {
    /** One captured datagram per line, with its port and receive time; see {@link CaptureReader}. */
    CAPTURE,
    /** The whole input is one raw datagram. */
    DATAGRAM;

    /** The kind a file's name suggests: captures end in {@code .jsonl}; anything else is a datagram. */
    static InputKind forFileName(String name) {
        return name != null && name.toLowerCase(Locale.ROOT).endsWith(".jsonl") ? CAPTURE : DATAGRAM;
    }

    /**
     * A reader of {@code in}. A datagram is attributed to {@code source} and stamped with the
     * clock; a capture's datagrams keep their own port and time and take only the address.
     */
    DatagramReader reader(InputStream in, InetSocketAddress source, LongSupplier clock) {
        return this == CAPTURE ? new CaptureReader(in, source.getAddress())
                : new SingleDatagramReader(in, source, clock);
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
