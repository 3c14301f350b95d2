package dev.ncbridge.ingest.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ncbridge.ingest.record.ContinuationFlag;
import dev.ncbridge.ingest.record.Format;
import dev.ncbridge.ingest.record.KernelMessage;
import dev.ncbridge.ingest.record.KeyValue;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The examples of the kernel's own documentation, Documentation/networking/netconsole.rst, fed
 * to the decoder as datagrams. The document shows dictionary lines indented by one space, as
 * they are on the wire; where it leaves out the newline that ends the last line, so do these.
 */
class KernelDocExamplesTest {
    private static KernelMessage only(DecoderHarness h) {
        assertThat(h.counters.malformedTotal()).isZero();
        assertThat(h.messages()).hasSize(1);
        return h.messages().get(0);
    }

    @Test
    void extendedHeaderSameAsDevKmsg() {
        // <level>,<sequnum>,<timestamp>,<contflag>;<message text>
        KernelMessage r = only(new DecoderHarness().send("6,444,501151268,-;netconsole: network logging started", 0));
        assertThat(r.format()).isEqualTo(Format.EXTENDED);
        assertThat(r.extended().level()).isEqualTo(6);
        assertThat(r.extended().facility()).isZero();
        assertThat(r.extended().seq()).isEqualTo(444);
        assertThat(r.kernelTsUs()).isEqualTo(501_151_268);
        assertThat(r.extended().cont()).isEqualTo(ContinuationFlag.NONE);
        assertThat(r.extended().release()).isNull();
        assertThat(r.message()).isEqualTo("netconsole: network logging started");
    }

    @ParameterizedTest
    @ValueSource(strings = {"netconsole: network logging started",
        "netconsole: network logging has already stopped"})
    void releasePrependedHeader(String text) {
        KernelMessage r = only(new DecoderHarness().send("6.4.0,6,444,501151268,-;" + text, 0));
        assertThat(r.extended().release()).isEqualTo("6.4.0");
        assertThat(r.extended().level()).isEqualTo(6);
        assertThat(r.extended().seq()).isEqualTo(444);
        assertThat(r.kernelTsUs()).isEqualTo(501_151_268);
        assertThat(r.message()).isEqualTo(text);
    }

    @Test
    void nonPrintableCharactersAreEscapedWithBackslashX() {
        KernelMessage r = only(new DecoderHarness().send("6,445,501151300,-;tab\\x09and \\xc3\\xa9 and \\x5c", 0));
        assertThat(r.message()).isEqualTo("tab\tand \u00e9 and \\");
    }

    @Test
    void fragmentedMessage() {
        DecoderHarness h = new DecoderHarness()
                .send("6,416,1758426,-,ncfrag=0/31;the first chunk,", 0)
                .send("6,416,1758426,-,ncfrag=16/31; the 2nd chunk.", 1);
        KernelMessage r = only(h);
        assertThat(r.message()).isEqualTo("the first chunk, the 2nd chunk.");
        assertThat(r.fragments()).isEqualTo(2);
        assertThat(r.incomplete()).isFalse();
        assertThat(r.extended().seq()).isEqualTo(416);
        assertThat(r.kernelTsUs()).isEqualTo(1_758_426);
        assertThat(r.extended().level()).isEqualTo(6);
        assertThat(new String(r.raw(), StandardCharsets.UTF_8))
                .isEqualTo("6,416,1758426,-;the first chunk, the 2nd chunk.");
        assertThat(h.counters.get(DecodeCounter.FRAGMENTED_MESSAGES)).isEqualTo(1);
    }

    @Test
    void fragmentedMessageInReverseOrder() {
        DecoderHarness h = new DecoderHarness()
                .send("6,416,1758426,-,ncfrag=16/31; the 2nd chunk.", 0)
                .send("6,416,1758426,-,ncfrag=0/31;the first chunk,", 1);
        assertThat(only(h).message()).isEqualTo("the first chunk, the 2nd chunk.");
    }

    @Test
    void firstFragmentAloneIsHeldThenEmittedIncomplete() {
        DecoderHarness h = new DecoderHarness().send("6,416,1758426,-,ncfrag=0/31;the first chunk,", 0);
        assertThat(h.messages()).isEmpty();
        h.expire(60_000);
        KernelMessage r = only(h);
        assertThat(r.message()).isEqualTo("the first chunk,");
        assertThat(r.incomplete()).isTrue();
    }

    @Test
    void userdata() {
        KernelMessage r = only(new DecoderHarness().send("12,607,22085407756,-;This is a message\n foo=bar\n qux=baz", 0));
        assertThat(r.message()).isEqualTo("This is a message");
        assertThat(r.extended().facility()).isEqualTo(1);
        assertThat(r.extended().level()).isEqualTo(4);
        assertThat(r.extended().seq()).isEqualTo(607);
        assertThat(r.kernelTsUs()).isEqualTo(22_085_407_756L);
        assertThat(r.extended().userdata()).containsExactly(new KeyValue("foo", "bar"), new KeyValue("qux", "baz"));
        assertThat(r.extended().sysdata()).as("foo and qux are userdata, not sysdata").isNull();
    }

    @Test
    void userdataWithTheTrailingNewlineRealKernelsSend() {
        KernelMessage r = only(new DecoderHarness().send("12,607,22085407756,-;This is a message\n foo=bar\n qux=baz\n", 0));
        assertThat(r.extended().userdata()).containsExactly(new KeyValue("foo", "bar"), new KeyValue("qux", "baz"));
    }

    @Test
    void userdataEntryWithoutValueIsOmittedByTheKernel() {
        KernelMessage r = only(new DecoderHarness().send("12,607,22085407756,-;This is a message\n foo=bar", 0));
        assertThat(r.extended().userdata()).containsExactly(new KeyValue("foo", "bar"));
    }

    @Test
    void tasknameSysdata() {
        KernelMessage r = only(new DecoderHarness().send("12,607,22085407756,-;This is a message\n taskname=echo", 0));
        assertThat(r.message()).isEqualTo("This is a message");
        assertThat(r.extended().sysdata().taskname()).isEqualTo("echo");
        assertThat(r.extended().userdata()).isEmpty();
    }

    @Test
    void releaseSysdata() {
        KernelMessage r = only(new DecoderHarness()
                .send("12,607,22085407756,-;This is a message\n release=6.14.0-rc6-01219-g3c027fbd941d", 0));
        assertThat(r.extended().release()).isEqualTo("6.14.0-rc6-01219-g3c027fbd941d");
        assertThat(r.extended().userdata()).isEmpty();
    }

    @Test
    void cpuSysdata() {
        KernelMessage r = only(new DecoderHarness().send("12,607,22085407756,-;This is a message\n cpu=42", 0));
        assertThat(r.extended().sysdata().cpu()).isEqualTo(42);
        assertThat(r.extended().userdata()).isEmpty();
    }

    @Test
    void userCpuKeyAndKernelCpuAreBothKept() {
        KernelMessage r = only(new DecoderHarness().send("12,607,22085407756,-;This is a message\n cpu=1\n cpu=42", 0));
        assertThat(r.extended().userdata()).containsExactly(new KeyValue("cpu", "1"));
        assertThat(r.extended().sysdata().cpu()).isEqualTo(42);
    }

    @Test
    void allSysdataTogether() {
        KernelMessage r = only(new DecoderHarness().send("12,607,22085407756,-;This is a message\n foo=bar\n cpu=42\n"
                + " taskname=echo\n release=6.14.0\n msgid=1\n", 0));
        assertThat(r.extended().userdata()).containsExactly(new KeyValue("foo", "bar"));
        assertThat(r.extended().sysdata().cpu()).isEqualTo(42);
        assertThat(r.extended().sysdata().taskname()).isEqualTo("echo");
        assertThat(r.extended().release()).isEqualTo("6.14.0");
        assertThat(r.extended().sysdata().msgid()).isEqualTo(1);
    }

    @Test
    void msgidCountsTheMessagesSent() {
        DecoderHarness h = new DecoderHarness()
                .send("13,434,54928466,-;This is message #1\n msgid=1", 0)
                .send("13,435,54934019,-;This is message #2\n msgid=2", 6)
                .expire(60_000)
                .flush(60_000);
        assertThat(h.timeline()).containsExactly("This is message #1", "This is message #2");
        assertThat(h.messages()).extracting(r -> r.extended().sysdata().msgid()).containsExactly(1L, 2L);
        assertThat(h.messages()).extracting(r -> r.extended().level()).containsExactly(5, 5);
        assertThat(h.messages()).extracting(r -> r.extended().facility()).containsExactly(1, 1);
        assertThat(h.counters.get(DecodeCounter.LOST_MESSAGES)).isZero();
    }

    @Test
    void msgidGapIsLossEvenWhenSeqIsContinuous() {
        DecoderHarness h = new DecoderHarness()
                .send("13,434,54928466,-;This is message #1\n msgid=1", 0)
                .send("13,435,54934019,-;This is message #2\n msgid=3", 6)
                .expire(60_000);
        assertThat(h.timeline()).containsExactly("This is message #1", "This is message #2", "<loss>");
        assertThat(h.counters.get(DecodeCounter.LOST_MESSAGES)).isEqualTo(1);
    }
}
