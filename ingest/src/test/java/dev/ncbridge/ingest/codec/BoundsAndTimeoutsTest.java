package dev.ncbridge.ingest.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ncbridge.ingest.record.KernelMessage;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BoundsAndTimeoutsTest {
    @Test
    void incompleteMessageIsFlushedAfterTheFragmentTimeoutWithWhatArrived() {
        DecoderHarness h = new DecoderHarness()
                .send("6,9,900,-,ncfrag=0/15;first ", 0)
                .send("6,9,900,-,ncfrag=11/15;end\n", 1)
                .expire(4000);
        assertThat(h.messages()).isEmpty();
        assertThat(h.decoder.assemblyBytes()).isPositive();
        h.expire(5000);
        KernelMessage r = h.messages().get(0);
        assertThat(r.message()).isEqualTo("first end");
        assertThat(r.incomplete()).isTrue();
        assertThat(r.fragments()).isEqualTo(2);
        assertThat(r.extended().seq()).isEqualTo(9);
        assertThat(h.decoder.assemblyBytes()).isZero();
        assertThat(h.counters.get(DecodeCounter.INCOMPLETE_MESSAGES)).isEqualTo(1);
    }

    @Test
    void overlappingFragmentIsRejectedAndTheMessageStillCompletes() {
        DecoderHarness h = new DecoderHarness()
                .send("6,9,900,-,ncfrag=0/6;abc", 0)
                .send("6,9,900,-,ncfrag=2/6;XYZ", 1)
                .send("6,9,900,-,ncfrag=3/6;de\n", 2);
        assertThat(h.texts()).containsExactly("abcde");
        assertThat(h.counters.malformedCount(MalformedReason.FRAGMENT_OVERLAP)).isEqualTo(1);
    }

    @Test
    void perSourceAssemblyBoundFlushesTheOldest() {
        DecoderHarness h = new DecoderHarness(DecoderLimits.defaults().withMaxAssemblies(2, 1 << 20));
        for (int seq = 1; seq <= 3; seq++) {
            h.send("6," + seq + "," + seq + "00,-,ncfrag=0/8;m" + seq + "-", seq);
        }
        assertThat(h.messages()).singleElement().satisfies(r -> {
            assertThat(r.extended().seq()).isEqualTo(1);
            assertThat(r.incomplete()).isTrue();
        });
        assertThat(h.counters.get(DecodeCounter.ASSEMBLIES_EVICTED)).isEqualTo(1);
    }

    @Test
    void totalAssemblyBytesAreBoundedAcrossSources() {
        DecoderHarness h = new DecoderHarness(DecoderLimits.defaults().withMaxAssemblies(16, 2500));
        for (int i = 0; i < 5; i++) {
            InetSocketAddress src = new InetSocketAddress("10.0.1." + i, 6665);
            h.send(src, "6,1,100,-,ncfrag=0/1000;x", i);
            assertThat(h.decoder.assemblyBytes()).isLessThanOrEqualTo(2500);
        }
        assertThat(h.messages()).hasSize(3);
        assertThat(h.messages()).allSatisfy(r -> assertThat(r.incomplete()).isTrue());
        assertThat(h.messages().get(0).source().getAddress().getHostAddress()).isEqualTo("10.0.1.0");
    }

    @Test
    void fragmentTotalOverTheLimitIsMalformed() {
        DecoderHarness h = new DecoderHarness(DecoderLimits.defaults().withMaxMessageBytes(100))
                .send("6,1,100,-,ncfrag=0/101;x", 0);
        assertThat(h.counters.malformedCount(MalformedReason.FRAGMENT_TOO_LARGE)).isEqualTo(1);
        assertThat(h.decoder.assemblyBytes()).isZero();
    }

    @Test
    void sourceLimitForgetsTheLeastRecentlySeenAfterFlushingIt() {
        DecoderHarness h = new DecoderHarness(DecoderLimits.defaults().withMaxSources(2));
        InetSocketAddress a = new InetSocketAddress("10.0.2.1", 6665);
        InetSocketAddress b = new InetSocketAddress("10.0.2.2", 6665);
        InetSocketAddress c = new InetSocketAddress("10.0.2.3", 6665);
        h.send(a, "[ 1.0] partial", 0).send(b, "[ 1.0] b\n", 1).send(c, "[ 1.0] c\n", 2);
        assertThat(h.decoder.sourceCount()).isEqualTo(2);
        assertThat(h.texts()).containsExactly("b", "partial", "c");
        assertThat(h.counters.get(DecodeCounter.SOURCES_EVICTED)).isEqualTo(1);
    }

    @Test
    void idleSourcesAreForgotten() {
        DecoderHarness h = new DecoderHarness().send("6,1,100,-;x\n", 0);
        h.expire(Duration.ofMinutes(59).toMillis());
        assertThat(h.decoder.sourceCount()).isEqualTo(1);
        h.expire(Duration.ofMinutes(61).toMillis());
        assertThat(h.decoder.sourceCount()).isZero();
    }

    @Test
    void flushAllEmitsEverythingHeld() {
        InetSocketAddress legacy = new InetSocketAddress("10.0.3.1", 6665);
        DecoderHarness h = new DecoderHarness()
                .send("6,1,100,-,ncfrag=0/10;abc", 0)
                .send(legacy, "[ 1.0] half a line", 1)
                .send("4,5,500,c;cont", 2)
                .send("6,9,900,-;after gap\n", 3)
                .flush(4);
        assertThat(h.timeline()).containsExactly("cont", "after gap", "half a line", "abc", "<loss>");
    }
}
