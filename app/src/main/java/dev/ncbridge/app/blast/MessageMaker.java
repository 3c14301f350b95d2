package dev.ncbridge.app.blast;

import dev.ncbridge.ingest.wire.ExtendedMessage;
import dev.ncbridge.ingest.wire.NetconsoleEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Makes each simulated host's next message: its own rising seq and kernel time, a body size drawn
 * from the mix, and now and then one longer than the kernel's 1000-byte datagram, so it goes out
 * in fragments as the kernel would send it.
 */
final class MessageMaker {
    /** Long enough for three fragments. */
    static final int FRAGMENTED_SIZE = 2500;
    private static final byte[] FILLER = "kernel: eth0: link up, 1000 Mbps, full duplex, flow control rx/tx; "
            .repeat(64).getBytes(StandardCharsets.US_ASCII);

    private final int[] sizes;
    private final double fragmented;
    private final boolean legacy;
    private final long[] seq;
    private final SplittableRandom random;

    /**
     * @param sizes message body sizes in bytes, drawn uniformly
     * @param fragmented the fraction of messages made {@link #FRAGMENTED_SIZE} bytes long
     */
    MessageMaker(int hosts, int[] sizes, double fragmented, boolean legacy, long seed) {
        this.sizes = sizes.clone();
        this.fragmented = fragmented;
        this.legacy = legacy;
        this.seq = new long[hosts];
        this.random = new SplittableRandom(seed);
    }

    /** The datagrams of {@code host}'s next message. */
    List<byte[]> next(int host) {
        long n = seq[host]++;
        long tsUs = 5_000_000 + n * 1000;
        int size = random.nextDouble() < fragmented ? FRAGMENTED_SIZE : sizes[random.nextInt(sizes.length)];
        byte[] body = body(n, size);
        if (legacy) {
            // A long console line goes out in 1000-byte pieces, as the kernel writes it.
            return NetconsoleEncoder.legacy(NetconsoleEncoder.consoleText(tsUs, body));
        }
        return NetconsoleEncoder.extended(ExtendedMessage.builder().facility(0).level(6).seq(n).tsUs(tsUs).flag('-')
                .body(body).build());
    }

    /** {@code "blast <seq> "} and filler up to {@code size} bytes. */
    private static byte[] body(long n, int size) {
        byte[] head = ("blast " + n + " ").getBytes(StandardCharsets.US_ASCII);
        byte[] body = Arrays.copyOf(head, Math.max(size, head.length));
        for (int i = head.length; i < body.length; i++) {
            body[i] = FILLER[(i - head.length) % FILLER.length];
        }
        return body;
    }
}
