package dev.ncbridge.ingest.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ncbridge.ingest.record.Record;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SourceNamingTest {
    /** A namer whose answer changes, as reverse DNS does when it answers late. */
    private static final class LateNamer implements SourceNamer {
        volatile String name;
        volatile long version;
        final AtomicInteger asked = new AtomicInteger();

        @Override
        public String nameOf(InetSocketAddress source) {
            asked.incrementAndGet();
            return name != null ? name : source.getAddress().getHostAddress();
        }

        @Override
        public long version() {
            return version;
        }
    }

    @Test
    void aNameLearntLaterReachesAKnownSourceAndIsNotAskedForAgainOtherwise() {
        LateNamer namer = new LateNamer();
        NetconsoleDecoder decoder = new NetconsoleDecoder(DecoderLimits.defaults(), namer, new DecodeCounters());
        InetSocketAddress src = new InetSocketAddress("10.9.8.7", 6665);
        List<Record> out = new ArrayList<>();
        for (int seq = 1; seq <= 3; seq++) {
            byte[] d = ("6," + seq + ",100" + seq + ",-;m\n").getBytes(StandardCharsets.US_ASCII);
            if (seq == 3) {
                namer.name = "web-42";
                namer.version = 1;
            }
            decoder.decode(d, 0, d.length, src, seq * 1000L, out::add);
        }
        assertThat(out).extracting(Record::hostName).containsExactly("10.9.8.7", "10.9.8.7", "web-42");
        assertThat(namer.asked).hasValue(2);
    }
}
