package dev.ncbridge.ingest.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ncbridge.ingest.record.Format;
import dev.ncbridge.ingest.record.KernelMessage;
import dev.ncbridge.ingest.record.Record;
import org.junit.jupiter.api.Test;

class LegacyDecodingTest {
    @Test
    void lineWithTimestampBecomesOneRecord() {
        DecoderHarness h = new DecoderHarness().send("[   12.345678] EXT4-fs (sda1): mounted\n", 0);
        KernelMessage r = h.messages().get(0);
        assertThat(r.format()).isEqualTo(Format.LEGACY);
        assertThat(r.message()).isEqualTo("EXT4-fs (sda1): mounted");
        assertThat(r.kernelTsUs()).isEqualTo(12_345_678);
        assertThat(r.extended()).as("no level, seq or continuation flag").isNull();
    }

    @Test
    void textWithCommasAndSemicolonsIsNotMistakenForExtended() {
        DecoderHarness h = new DecoderHarness().send("[    1.000000] a, b; c,d;e\nno stamp, here; ok\n", 0);
        assertThat(h.texts()).containsExactly("a, b; c,d;e", "no stamp, here; ok");
        assertThat(h.messages()).allSatisfy(r -> assertThat(r.format()).isEqualTo(Format.LEGACY));
        assertThat(h.messages().get(1).kernelTsUs()).isNull();
    }

    @Test
    void lineCutIntoChunksIsJoinedUntilItsNewline() {
        DecoderHarness h = new DecoderHarness()
                .send("[    6.162498] NCB-LONG part one ", 0)
                .send("part two ", 1)
                .send("part three\n[    6.2] next\n", 2);
        assertThat(h.texts()).containsExactly("NCB-LONG part one part two part three", "next");
        assertThat(h.messages().get(0).fragments()).isEqualTo(3);
        assertThat(h.messages().get(1).fragments()).isEqualTo(1);
        assertThat(h.messages().get(1).kernelTsUs()).isEqualTo(6_200_000);
    }

    @Test
    void lineThatNeverEndsIsFlushedAfterTheTimeout() {
        DecoderHarness h = new DecoderHarness().send("[    1.000000] no newline", 0).expire(500);
        assertThat(h.messages()).isEmpty();
        h.expire(1000);
        assertThat(h.messages()).singleElement().satisfies(r -> {
            assertThat(r.message()).isEqualTo("no newline");
            assertThat(r.incomplete()).isTrue();
        });
        assertThat(h.counters.get(DecodeCounter.LEGACY_PARTIAL_FLUSHES)).isEqualTo(1);
    }

    @Test
    void overlongLineIsEmittedInBoundedParts() {
        DecoderHarness h = new DecoderHarness(DecoderLimits.defaults().withMaxLegacyLineBytes(10))
                .send("0123456789abcdefghij", 0)
                .send("XYZ\n", 1);
        assertThat(h.texts()).containsExactly("0123456789", "abcdefghij", "XYZ");
        assertThat(h.messages()).extracting(KernelMessage::incomplete).containsExactly(true, true, false);
    }

    @Test
    void invalidUtf8IsReplacedNotFatal() {
        byte[] bytes = {'[', '1', '.', '0', ']', ' ', 'a', (byte) 0xff, 'b', '\n'};
        DecodeCounters counters = new DecodeCounters();
        NetconsoleDecoder d = NetconsoleDecoder.withDefaults(counters);
        java.util.List<Record> out = new java.util.ArrayList<>();
        d.decode(bytes, 0, bytes.length, DecoderHarness.HOST, 1, out::add);
        assertThat(out).singleElement().satisfies(r -> assertThat(r.message()).isEqualTo("a\uFFFDb"));
        assertThat(counters.malformedTotal()).isZero();
    }

    @Test
    void emptyDatagramIsMalformed() {
        DecodeCounters counters = new DecodeCounters();
        NetconsoleDecoder d = NetconsoleDecoder.withDefaults(counters);
        d.decode(new byte[0], 0, 0, DecoderHarness.HOST, 1, r -> { });
        assertThat(counters.malformedCount(MalformedReason.EMPTY)).isEqualTo(1);
    }
}
