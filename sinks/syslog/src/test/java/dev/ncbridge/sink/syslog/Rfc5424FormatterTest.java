package dev.ncbridge.sink.syslog;

import static dev.ncbridge.ingest.testing.Records.legacy;
import static dev.ncbridge.ingest.testing.Records.sysdata;
import static dev.ncbridge.sink.syslog.Fixtures.format;
import static dev.ncbridge.sink.syslog.Fixtures.options;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ncbridge.ingest.record.ContinuationFlag;
import dev.ncbridge.ingest.record.EventType;
import dev.ncbridge.ingest.record.KeyValue;
import dev.ncbridge.ingest.record.Record;
import dev.ncbridge.ingest.testing.Records;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;
import org.junit.jupiter.api.Test;

class Rfc5424FormatterTest {
    private final MessageFormatter formatter = MessageFormatter.of(options("address: \"h:514\""));

    @Test
    void anExtendedMessageHasEveryFieldInTheHeaderAndStructuredData() {
        assertThat(format(formatter, sysdata("disk error").build())).isEqualTo(
                "<3>1 2026-11-21T10:15:30.123456Z web-42 kernel - extended [netconsole@32473 seq=\"607\""
                        + " kernel_ts_us=\"22085407756\" release=\"6.14.0\" msgid=\"12\" cpu=\"42\" taskname=\"echo\""
                        + " ud.foo=\"bar\"] disk error");
    }

    @Test
    void quoteBackslashAndBracketInValuesAreEscapedAndTextStaysUtf8() {
        Record r = sysdata("wörld ✓ \"q\" \\ ]").userdata(List.of(new KeyValue("k", "a\"b\\c]d é"))).build();
        String text = format(formatter, r);
        assertThat(text).contains(" ud.k=\"a\\\"b\\\\c\\]d é\"] wörld ✓ \"q\" \\ ]");
        assertThat(text).doesNotStartWith("\uFEFF").doesNotContain("\uFEFF");
    }

    @Test
    void priComesFromFacilityAndLevelUnlessTheFacilityIsOverridden() {
        assertThat(format(formatter, sysdata("x").facility(3).level(6).build())).startsWith("<30>1 ");
        MessageFormatter local0 = MessageFormatter.of(options("address: \"h:514\", facility: local0"));
        assertThat(format(local0, sysdata("x").facility(3).level(3).build())).startsWith("<131>1 ");
        // The kernel's byte may hold facilities syslog has not: sent as user.
        assertThat(format(formatter, sysdata("x").facility(200).level(3).build())).startsWith("<11>1 ");
        // Legacy text has no level or facility: kern.notice.
        assertThat(format(formatter, legacy().message("x").hostName("web-42").build())).startsWith("<5>1 ");
    }

    @Test
    void hostnamesAreVisibleAsciiAtMost255Characters() {
        assertThat(format(formatter, sysdata("x").hostName("bad host\u00e9\n").build()))
                .contains(" bad_host__ kernel ");
        assertThat(format(formatter, sysdata("x").hostName("2001:db8::5").build())).contains(" 2001:db8::5 kernel ");
        assertThat(format(formatter, sysdata("x").hostName("").build())).contains("Z - kernel - ");
        assertThat(format(formatter, sysdata("x").hostName("a".repeat(300)).build()))
                .contains(" " + "a".repeat(255) + " kernel ");
    }

    @Test
    void userdataKeysBecomeValidParamNames() {
        Record r = sysdata("x").userdata(List.of(new KeyValue("a b=c]\"d", "1"), new KeyValue("k".repeat(40), "2"),
                new KeyValue("cpu", "user's"))).build();
        assertThat(format(formatter, r)).contains(" ud.a_b_c__d=\"1\" ud." + "k".repeat(29) + "=\"2\" ud.cpu=\"user's\"]");
    }

    @Test
    void flagsAndDictionaryFieldsAppearWhenSet() {
        Record r = sysdata("x").userdata(List.of()).cont(ContinuationFlag.MERGED).fragments(3).seqReset(true)
                .outOfOrder(true).incomplete(true).subsystem("pci").device("+pci:0000:00:1f.2").build();
        assertThat(format(formatter, r)).contains(" kernel_ts_us=\"22085407756\" cont=\"merged\" release=")
                .contains(" fragments=\"3\" seq_reset=\"true\" out_of_order=\"true\" incomplete=\"true\""
                        + " subsystem=\"pci\" device=\"+pci:0000:00:1f.2\"] x");
    }

    @Test
    void aLegacyLineWithoutFieldsHasNilStructuredData() {
        assertThat(format(formatter, legacy().message("[   1.0] booting").hostName("web-42").build()))
                .isEqualTo("<5>1 2026-11-21T10:15:30.123456Z web-42 kernel - legacy - [   1.0] booting");
    }

    @Test
    void anEventCarriesItsTypeAsMsgidAndItsDetailsAsParams() {
        Record r = Records.event(EventType.LOSS).format(null).receivedAtNanos(Records.T0_NANOS)
                .hostName("web-42").source(new java.net.InetSocketAddress("10.0.0.5", 6665))
                .put("counter", "msgid").put("first", 5).put("last", 7).put("missing", 3)
                .message("3 messages lost from web-42 (msgid 5..7)").build();
        assertThat(format(formatter, r)).isEqualTo("<4>1 2026-11-21T10:15:30.123456Z web-42 kernel - loss"
                + " [netconsole@32473 counter=\"msgid\" first=\"5\" last=\"7\" missing=\"3\"]"
                + " 3 messages lost from web-42 (msgid 5..7)");
    }

    @Test
    void anEmptyMessageEndsAfterTheStructuredData() {
        assertThat(format(formatter, legacy().message("").hostName("web-42").build())).endsWith(" legacy -");
    }

    @Test
    void theByteOrderMarkIsWrittenWhenConfigured() {
        MessageFormatter bom = MessageFormatter.of(options("address: \"h:514\", utf8_bom: true, app_name: nc,"
                + " sd_id: \"nc@1.2\""));
        ByteBuf out = Unpooled.buffer();
        bom.write(legacy().message("hé").hostName("web-42").build(), out);
        byte[] bytes = new byte[out.readableBytes()];
        out.readBytes(bytes);
        String text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        assertThat(text).isEqualTo("<5>1 2026-11-21T10:15:30.123456Z web-42 nc - legacy - \uFEFFhé");
    }

    @Test
    void theTimestampFollowsEachRecordAcrossSeconds() {
        long t = Records.T0_NANOS;
        assertThat(format(formatter, legacy().message("a").hostName("web-42").receivedAtNanos(t + 1_000_000_000L)
                .build()))
                .contains(" 2026-11-21T10:15:31.123456Z ");
        assertThat(format(formatter, legacy().message("a").hostName("web-42").receivedAtNanos(t - 123_456_789L)
                .build()))
                .contains(" 2026-11-21T10:15:30.000000Z ");
    }
}
