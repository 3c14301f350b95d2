package dev.ncbridge.sink.encode;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ncbridge.ingest.record.Record;
import dev.ncbridge.ingest.testing.Records;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TextRecordEncoderTest {
    private final TextRecordEncoder encoder = new TextRecordEncoder();

    private String line(Record record) {
        return new String(encoder.encode(record), StandardCharsets.UTF_8);
    }

    @Test
    void extendedRecordLine() {
        assertThat(line(Records.full().build())).isEqualTo(
                "2026-11-21T10:15:30.123456Z web-42 kern.err [22085.407756] seq=607 the decoded body text");
    }

    @Test
    void legacyRecordLineHasNoLevelOrSeq() {
        assertThat(line(Records.fullLegacy().build()))
                .isEqualTo("2026-11-21T10:15:30.123456Z web-42 [5.000042] e1000e: eth0 NIC Link is Up");
    }

    @Test
    void legacyRecordWithoutKernelTimeHasNoBrackets() {
        assertThat(line(Records.fullLegacy().noKernelTs().build()))
                .isEqualTo("2026-11-21T10:15:30.123456Z web-42 e1000e: eth0 NIC Link is Up");
    }

    @Test
    void facilityAndLevelPrintAsOneToken() {
        assertThat(line(Records.full().facility(1).level(4).build()))
                .startsWith("2026-11-21T10:15:30.123456Z web-42 user.warning [22085.407756] seq=607 ");
    }

    @Test
    void kernelTimePadsMicroseconds() {
        assertThat(line(Records.fullLegacy().kernelTsUs(0L).build())).contains(" [0.000000] ");
        assertThat(line(Records.fullLegacy().kernelTsUs(7_000_001L).build())).contains(" [7.000001] ");
    }

    @Test
    void eventLine() {
        assertThat(line(Records.loss().build()))
                .isEqualTo("2026-11-21T10:15:30.123456Z web-42 event loss 3 messages missing (msgid 13..15)");
    }

    @Test
    void escapesTheMessageOntoOneLine() {
        String message = "a\\b\nc\rd\te\u0001f\u007fg \u001b[31m é 日本";

        assertThat(line(Records.full().message(message).build())).endsWith(
                " seq=607 a\\\\b\\nc\\rd\\x09e\\x01f\\x7fg \\x1b[31m é 日本");
    }

    @Test
    void writesUtf8() {
        byte[] bytes = encoder.encode(Records.full().message("é").build());

        assertThat(bytes).endsWith(0x20, 0xc3, 0xa9);
    }

    @Test
    void marksIncompleteRecords() {
        assertThat(line(Records.full().incomplete(true).build()))
                .endsWith(" the decoded body text (incomplete)");
    }

    @Test
    void isNamedText() {
        assertThat(encoder.name()).isEqualTo("text");
    }
}
