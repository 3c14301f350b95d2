package dev.ncbridge.ingest.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ncbridge.ingest.record.ContinuationFlag;
import dev.ncbridge.ingest.record.KernelMessage;
import dev.ncbridge.ingest.record.Record;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Older kernels sent {@code pr_cont} output as a {@code c} record followed by {@code +} records. */
class ContinuationTest {
    @Test
    void firstAndContinuationsMergeIntoOneRecord() {
        DecoderHarness h = new DecoderHarness()
                .send("4,20,2000,c;CPU0: Intel", 0)
                .send("4,21,2001,+; Xeon", 1)
                .send("4,22,2002,+; stepping 04\n", 2)
                .send("6,23,2100,-;next message\n", 3);
        assertThat(h.texts()).containsExactly("CPU0: Intel Xeon stepping 04", "next message");
        KernelMessage merged = h.messages().get(0);
        assertThat(merged.extended().cont()).isEqualTo(ContinuationFlag.MERGED);
        assertThat(merged.extended().seq()).isEqualTo(20);
        assertThat(merged.kernelTsUs()).isEqualTo(2000);
        assertThat(merged.extended().level()).isEqualTo(4);
        assertThat(merged.fragments()).isEqualTo(3);
        assertThat(new String(merged.raw(), StandardCharsets.UTF_8))
                .isEqualTo("4,20,2000,c;CPU0: Intel\n4,21,2001,+; Xeon\n4,22,2002,+; stepping 04\n");
        assertThat(h.counters.get(DecodeCounter.CONTINUATIONS_MERGED)).isEqualTo(2);
        assertThat(h.counters.get(DecodeCounter.MESSAGES)).isEqualTo(2);
    }

    @Test
    void pendingRunIsEmittedAfterTheContinuationTimeout() {
        DecoderHarness h = new DecoderHarness()
                .send("4,20,2000,c;CPU0: Intel", 0)
                .send("4,21,2001,+; Xeon", 100)
                .expire(500);
        assertThat(h.messages()).isEmpty();
        h.expire(1100);
        assertThat(h.texts()).containsExactly("CPU0: Intel Xeon");
    }

    @Test
    void firstWithoutContinuationKeepsItsFlag() {
        DecoderHarness h = new DecoderHarness()
                .send("4,20,2000,c;alone", 0)
                .send("4,21,2100,c;second run", 1)
                .flush(2);
        assertThat(h.messages()).extracting(Record::message, r -> r.extended().cont()).containsExactly(
                org.assertj.core.groups.Tuple.tuple("alone", ContinuationFlag.FIRST),
                org.assertj.core.groups.Tuple.tuple("second run", ContinuationFlag.FIRST));
    }

    @Test
    void orphanContinuationIsEmittedAlone() {
        DecoderHarness h = new DecoderHarness().send("4,21,2001,+; Xeon", 0);
        assertThat(h.messages()).singleElement().satisfies(r -> {
            assertThat(r.message()).isEqualTo(" Xeon");
            assertThat(r.extended().cont()).isEqualTo(ContinuationFlag.CONTINUATION);
        });
    }

    @Test
    void continuationsOfDifferentSourcesDoNotMix() {
        var other = new java.net.InetSocketAddress("10.0.0.9", 6665);
        DecoderHarness h = new DecoderHarness()
                .send("4,20,2000,c;A1", 0)
                .send(other, "4,50,5000,c;B1", 1)
                .send(other, "4,51,5001,+;B2", 2)
                .send("4,21,2001,+;A2", 3)
                .flush(4);
        assertThat(h.texts()).containsExactlyInAnyOrder("A1A2", "B1B2");
    }
}
