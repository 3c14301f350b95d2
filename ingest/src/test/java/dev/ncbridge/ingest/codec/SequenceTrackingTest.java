package dev.ncbridge.ingest.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ncbridge.ingest.record.EventType;
import dev.ncbridge.ingest.record.KernelMessage;
import dev.ncbridge.ingest.record.SourceEvent;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class SequenceTrackingTest {
    private static String msg(long seq, long tsUs, String text) {
        return "6," + seq + "," + tsUs + ",-;" + text + "\n";
    }

    private static String msgWithMsgid(long seq, long tsUs, long msgid, String text) {
        return "6," + seq + "," + tsUs + ",-;" + text + "\n cpu=1\n msgid=" + msgid + "\n";
    }

    @Test
    void duplicateDatagramIsDroppedAndCounted() {
        DecoderHarness h = new DecoderHarness()
                .send(msg(10, 1000, "a"), 0)
                .send(msg(10, 1000, "a"), 5)
                .send(msg(11, 1100, "b"), 6);
        assertThat(h.texts()).containsExactly("a", "b");
        assertThat(h.counters.get(DecodeCounter.DUPLICATE_MESSAGES)).isEqualTo(1);
    }

    @Test
    void duplicatedFragmentedMessageIsDroppedFragmentByFragment() {
        String f0 = "6,7,700,-,ncfrag=0/6;abc";
        String f1 = "6,7,700,-,ncfrag=3/6;de\n";
        DecoderHarness h = new DecoderHarness().send(f0, 0).send(f1, 1).send(f0, 2).send(f1, 3).expire(60_000);
        assertThat(h.texts()).containsExactly("abcde");
        assertThat(h.counters.get(DecodeCounter.FRAGMENT_DUPLICATES)).isEqualTo(2);
        assertThat(h.counters.get(DecodeCounter.INCOMPLETE_MESSAGES)).isZero();
    }

    @Test
    void gapIsReportedAsLossAfterTheReorderWindow() {
        DecoderHarness h = new DecoderHarness()
                .send(msg(1, 100, "one"), 0)
                .send(msg(5, 500, "five"), 10)
                .expire(1000);
        assertThat(h.events(EventType.LOSS)).as("still inside the reorder window").isEmpty();
        h.expire(2010);
        List<SourceEvent> loss = h.events(EventType.LOSS);
        assertThat(loss).hasSize(1);
        assertThat(loss.get(0).event().details())
                .containsEntry("counter", "seq")
                .containsEntry("first", 2L)
                .containsEntry("last", 4L)
                .containsEntry("missing", 3L);
        assertThat(loss.get(0).message()).isEqualTo("3 messages lost from 10.0.0.5 (seq 2..4)");
        assertThat(h.counters.get(DecodeCounter.LOST_MESSAGES)).isEqualTo(3);
    }

    @Test
    void lateArrivalFillsItsGapAndIsFlaggedOutOfOrder() {
        DecoderHarness h = new DecoderHarness()
                .send(msg(1, 100, "one"), 0)
                .send(msg(3, 300, "three"), 1)
                .send(msg(2, 200, "two"), 2)
                .expire(10_000);
        assertThat(h.texts()).containsExactly("one", "three", "two");
        assertThat(h.messages().get(2).extended().outOfOrder()).isTrue();
        assertThat(h.messages().get(1).extended().outOfOrder()).isFalse();
        assertThat(h.events(EventType.LOSS)).isEmpty();
        assertThat(h.counters.get(DecodeCounter.OUT_OF_ORDER)).isEqualTo(1);
    }

    @Test
    void lateArrivalInTheMiddleOfAGapSplitsIt() {
        DecoderHarness h = new DecoderHarness()
                .send(msg(1, 100, "one"), 0)
                .send(msg(7, 700, "seven"), 1)
                .send(msg(4, 400, "four"), 2)
                .expire(10_000);
        assertThat(h.events(EventType.LOSS)).extracting(r -> r.event().details().get("first") + ".."
                + r.event().details().get("last")).containsExactly("2..3", "5..6");
    }

    @Test
    void msgidGapIsLossAndSeqGapWithoutMsgidGapIsOnlySkipped() {
        DecoderHarness h = new DecoderHarness()
                .send(msgWithMsgid(10, 1000, 1, "a"), 0)
                .send(msgWithMsgid(12, 1200, 2, "b"), 1)   // seq 11 filtered by loglevel: msgid continuous
                .send(msgWithMsgid(13, 1300, 5, "c"), 2)   // msgid 3..4 lost on the path
                .expire(10_000);
        List<SourceEvent> loss = h.events(EventType.LOSS);
        assertThat(loss).hasSize(1);
        assertThat(loss.get(0).event().details()).containsEntry("counter", "msgid")
                .containsEntry("first", 3L).containsEntry("last", 4L);
        assertThat(h.counters.get(DecodeCounter.SEQ_SKIPPED)).isEqualTo(1);
        assertThat(h.counters.get(DecodeCounter.LOST_MESSAGES)).isEqualTo(2);
    }

    @Test
    void sequenceGoingBackIsAResetReportedBeforeTheFirstRecordOfTheNewBoot() {
        DecoderHarness h = new DecoderHarness();
        for (int i = 0; i < 2000; i++) {
            h.send(msg(i, 1_000_000L + i * 1000L, "old " + i), i);
        }
        h.send(msg(0, 0, "Linux version"), 60_000).send(msg(1, 10, "Command line"), 60_001);
        // The old boot's last words held no crash report, so the restart is also unexplained.
        List<String> tail = h.timeline().subList(h.timeline().size() - 4, h.timeline().size());
        assertThat(tail).containsExactly("<source_reset>", "<unexplained_reboot>", "Linux version", "Command line");
        SourceEvent reset = h.events(EventType.SOURCE_RESET).get(0);
        assertThat(reset.event().details()).containsEntry("previous_seq", 1999L).containsEntry("seq", 0L);
        KernelMessage first = h.messages().get(2000);
        assertThat(first.extended().seqReset()).isTrue();
        assertThat(h.messages().get(2001).extended().seqReset()).isFalse();
        assertThat(h.counters.get(DecodeCounter.SOURCE_RESETS)).isEqualTo(1);
    }

    @Test
    void rebootReplayingTheSameFirstMessagesIsNotMistakenForDuplicates() {
        // A kernel that reboots prints the same first lines at the same kernel times. Only a copy
        // that arrives within the reorder window is a duplicate; a minute later it is a new boot.
        DecoderHarness h = new DecoderHarness()
                .send(msg(0, 0, "Linux version"), 0)
                .send(msg(1, 0, "Command line"), 1)
                .send(msg(2, 5, "BIOS"), 2)
                .send(msg(0, 0, "Linux version"), 60_000)
                .send(msg(1, 0, "Command line"), 60_001);
        assertThat(h.texts()).containsExactly("Linux version", "Command line", "BIOS", "Linux version",
                "Command line");
        assertThat(h.events(EventType.SOURCE_RESET)).hasSize(1);
        assertThat(h.counters.get(DecodeCounter.DUPLICATE_MESSAGES)).isZero();
    }

    @Test
    void kernelTimeGoingBackWhileSeqGoesForwardIsAReset() {
        DecoderHarness h = new DecoderHarness()
                .send(msg(100, 500_000_000L, "before"), 0)
                .send(msg(101, 3_000_000L, "after reboot"), 30_000);
        assertThat(h.timeline()).containsExactly("before", "<source_reset>", "<unexplained_reboot>", "after reboot");
    }

    @Test
    void pendingGapsOfTheOldBootAreReportedAsLossBeforeTheReset() {
        DecoderHarness h = new DecoderHarness()
                .send(msg(1, 100, "one"), 0)
                .send(msg(4, 400, "four"), 1)
                .send(msg(0, 0, "new boot"), 500);
        assertThat(h.timeline()).containsExactly("one", "four", "<loss>", "<source_reset>", "<unexplained_reboot>",
                "new boot");
    }

    @Test
    void aPingFromUserSpaceIsDeliveredButLeftOutOfSequenceTracking() {
        // Its seq 0 would otherwise read as a kernel restart, and the jump back to 12 as a gap.
        String ping = "ncbridge-ping nonce=0123456789abcdef via=udp target=t1";
        DecoderHarness h = new DecoderHarness()
                .send(msg(10, 1000, "a"), 0)
                .send(msg(11, 1100, "b"), 1)
                .send("13,0,5,-;" + ping + "\n", 2)
                .send(msg(12, 1200, "c"), 3)
                .expire(60_000);
        assertThat(h.texts()).containsExactly("a", "b", ping, "c");
        assertThat(h.events(EventType.SOURCE_RESET)).isEmpty();
        assertThat(h.events(EventType.LOSS)).isEmpty();
        assertThat(h.counters.get(DecodeCounter.OUT_OF_ORDER)).isZero();
    }

    @Test
    void aPingThroughTheKernelIsTrackedLikeAnyMessage() {
        DecoderHarness h = new DecoderHarness()
                .send(msg(10, 1000, "a"), 0)
                .send(msg(11, 1100, "ncbridge-ping nonce=0123456789abcdef via=kmsg target=t1"), 1)
                .send(msg(13, 1300, "c"), 2)
                .expire(60_000);
        assertThat(h.events(EventType.LOSS)).hasSize(1);
        assertThat(h.events(EventType.LOSS).get(0).event().details()).containsEntry("first", 12L);
    }

    @Test
    void sourcesAreTrackedIndependently() {
        InetSocketAddress other = new InetSocketAddress("10.0.0.6", 6665);
        InetSocketAddress samePortTwo = new InetSocketAddress("10.0.0.5", 6666);
        DecoderHarness h = new DecoderHarness()
                .send(msg(1, 100, "a"), 0)
                .send(other, msg(1, 100, "a"), 1)
                .send(samePortTwo, msg(1, 100, "a"), 2)
                .send(msg(2, 200, "b"), 3)
                .expire(10_000);
        assertThat(h.texts()).containsExactly("a", "a", "a", "b");
        assertThat(h.counters.get(DecodeCounter.DUPLICATE_MESSAGES)).isZero();
        assertThat(h.decoder.sourceCount()).isEqualTo(3);
    }

    @Test
    void manyGapsBeyondTheBoundAreReportedAtOnce() {
        DecoderHarness h = new DecoderHarness();
        for (int i = 0; i <= 200; i++) {
            h.send(msg(i * 2L, i * 100L, "m"), 0);
        }
        int bound = DecoderLimits.defaults().maxPendingGaps();
        assertThat(h.events(EventType.LOSS)).hasSize(200 - bound);
        h.expire(10_000);
        assertThat(h.events(EventType.LOSS)).hasSize(200);
    }
}
