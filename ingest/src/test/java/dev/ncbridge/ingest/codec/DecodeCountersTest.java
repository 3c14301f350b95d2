package dev.ncbridge.ingest.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;

/**
 * Decoders on their own threads share one {@link DecodeCounters}, each writing its own part
 * without atomic read-modify-write: the sums must still hold every count, none lost.
 */
class DecodeCountersTest {
    private static final int DECODERS = 4;
    private static final int DATAGRAMS = 50_000;
    /** Every this many datagrams, one is empty: malformed. */
    private static final int EMPTY_EVERY = 1_000;

    @Test
    void decodersOnTheirOwnThreadsAddUpToEveryDatagram() throws Exception {
        DecodeCounters counters = new DecodeCounters();
        CyclicBarrier start = new CyclicBarrier(DECODERS);
        List<Thread> threads = new ArrayList<>();
        for (int d = 0; d < DECODERS; d++) {
            InetSocketAddress source = new InetSocketAddress("10.0.0." + (d + 1), 6665);
            NetconsoleDecoder decoder = NetconsoleDecoder.withDefaults(counters);
            Thread t = new Thread(() -> decode(decoder, source, start), "decoder-" + d);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }

        long empty = DECODERS * (DATAGRAMS / EMPTY_EVERY);
        assertThat(counters.get(DecodeCounter.DATAGRAMS)).isEqualTo((long) DECODERS * DATAGRAMS);
        assertThat(counters.get(DecodeCounter.MESSAGES)).isEqualTo(DECODERS * DATAGRAMS - empty);
        assertThat(counters.malformedCount(MalformedReason.EMPTY)).isEqualTo(empty);
        assertThat(counters.malformedTotal()).isEqualTo(empty);
    }

    private static void decode(NetconsoleDecoder decoder, InetSocketAddress source, CyclicBarrier start) {
        try {
            start.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        for (int i = 1; i <= DATAGRAMS; i++) {
            byte[] b = i % EMPTY_EVERY == 0 ? new byte[0]
                    : ("6," + i + "," + i + ",-;message " + i).getBytes(StandardCharsets.UTF_8);
            decoder.decode(b, 0, b.length, source, i * 1_000L, r -> { });
        }
    }
}
