package dev.ncbridge.ingest.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import org.openjdk.jol.info.GraphLayout;

/**
 * The heap one source costs the decoder, measured with JOL: at most 1 KB for a source that sent
 * a few messages without gaps, whatever its format. Shared objects (limits, budgets, counters)
 * are left out; the source's address, name and every buffer of its own are counted.
 */
class SourceFootprintTest {
    static {
        // JOL cannot ask Unsafe for the field offsets of records; this makes it find them itself.
        System.setProperty("jol.magicFieldOffset", "true");
    }

    private static long footprintOfOnlySource(DecoderHarness h) {
        SourceState st = h.decoder.sources().iterator().next();
        GraphLayout own = GraphLayout.parseInstance(st);
        GraphLayout shared = GraphLayout.parseInstance(DecoderLimits.defaults(), h.decoder.budgets(), h.counters,
                st.lastFormat);
        long bytes = own.subtract(shared).totalSize();
        System.out.println("heap of one " + st.lastFormat + " source: " + bytes + " bytes");
        return bytes;
    }

    @Test
    void anExtendedSourceWithoutGapsTakesAtMostOneKilobyte() {
        DecoderHarness h = new DecoderHarness();
        for (int seq = 1; seq <= 20; seq++) {
            h.send("6.12.0," + "6," + seq + "," + seq * 1000 + ",-;message " + seq + "\n cpu=1\n msgid=" + seq + "\n", seq);
        }
        assertThat(footprintOfOnlySource(h)).isLessThanOrEqualTo(1024);
    }

    @Test
    void aLegacySourceBetweenLinesTakesAtMostOneKilobyte() {
        DecoderHarness h = new DecoderHarness();
        InetSocketAddress legacy = new InetSocketAddress("10.0.0.7", 6666);
        for (int i = 1; i <= 20; i++) {
            h.send(legacy, "[   " + i + ".000000] line " + i + " split ", i).send(legacy, "across datagrams\n", i);
        }
        assertThat(h.texts()).hasSize(20);
        assertThat(footprintOfOnlySource(h)).isLessThanOrEqualTo(1024);
    }
}
