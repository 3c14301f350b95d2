package dev.ncbridge.sink.encode;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ncbridge.ingest.record.CrashRecord;
import dev.ncbridge.ingest.testing.Records;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Crash records in each encoding: the report whole, as the encoding can hold it. */
class CrashRecordEncodingTest {
    private static String encode(RecordEncoder encoder, CrashRecord r) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        encoder.encode(r, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void jsonHasTheTitleAsMessageAndTheReportInEcsErrorAndNetconsoleCrash() throws IOException {
        JsonNode j = new ObjectMapper().readTree(encode(new JsonRecordEncoder(), Records.crash()));
        assertThat(j.at("/netconsole/kind").asText()).isEqualTo("crash");
        assertThat(j.get("message").asText()).isEqualTo("BUG: kernel NULL pointer dereference, address: 0000000000000000");
        assertThat(j.at("/host/name").asText()).isEqualTo("web-42");
        assertThat(j.at("/host/os/kernel").asText()).isEqualTo("6.1.0-57-amd64");
        assertThat(j.at("/netconsole/format").asText()).isEqualTo("extended");
        assertThat(j.at("/error/type").asText()).isEqualTo("oops");
        assertThat(j.at("/error/message").asText()).isEqualTo(j.get("message").asText());
        assertThat(j.at("/error/stack_trace").asText()).isEqualTo(Records.CRASH_TEXT);
        JsonNode c = j.at("/netconsole/crash");
        assertThat(c.get("fatal").asBoolean()).isTrue();
        assertThat(c.get("panic_reason").asText()).isEqualTo("Fatal exception");
        assertThat(c.get("function").asText()).isEqualTo("ncb_oops_init");
        assertThat(c.get("module").asText()).isEqualTo("ncb_oops");
        assertThat(c.get("task").asText()).isEqualTo("insmod");
        assertThat(c.get("pid").asInt()).isEqualTo(277);
        assertThat(c.get("cpu").asInt()).isEqualTo(3);
        assertThat(c.get("tainted").asText()).isEqualTo("OE");
        assertThat(c.get("hardware").asText()).startsWith("QEMU");
        assertThat(c.get("trace_id").asText()).isEqualTo("0000000000000000");
        assertThat(c.get("frames")).hasSize(3);
        assertThat(c.at("/frames/0/function").asText()).isEqualTo("do_user_addr_fault");
        assertThat(c.at("/frames/0/reliable").asBoolean()).isFalse();
        assertThat(c.at("/frames/0/module").isMissingNode()).as("the kernel proper: no module").isTrue();
        assertThat(c.at("/frames/1/module").asText()).isEqualTo("ncb_oops");
        assertThat(c.at("/frames/1/reliable").asBoolean()).isTrue();
        assertThat(c.get("first_seq").asLong()).isEqualTo(461);
        assertThat(c.get("last_seq").asLong()).isEqualTo(512);
        assertThat(c.get("first_kernel_ts_us").asLong()).isEqualTo(6_098_113);
        assertThat(c.get("last_kernel_ts_us").asLong()).isEqualTo(6_117_580);
        assertThat(c.get("close_reason").asText()).isEqualTo("panic_grace");
        assertThat(c.get("complete").asBoolean()).isTrue();
    }

    @Test
    void jsonLeavesOutWhatTheReportLacks() throws IOException {
        JsonNode j = new ObjectMapper().readTree(encode(new JsonRecordEncoder(), Records.bareCrash()));
        JsonNode c = j.at("/netconsole/crash");
        assertThat(c.has("function")).isFalse();
        assertThat(c.has("task")).isFalse();
        assertThat(c.has("first_seq")).isFalse();
        assertThat(c.has("frames")).as("no call trace: no frames").isFalse();
        assertThat(c.get("complete").asBoolean()).isFalse();
        assertThat(j.at("/error/type").isMissingNode()).isFalse();
    }

    @Test
    void textIsTheTitleLineThenTheFullTextIndented() throws IOException {
        String text = encode(new TextRecordEncoder(), Records.crash());
        String[] lines = text.split("\n", -1);
        assertThat(lines[0]).isEqualTo("2026-12-02T04:46:30.500000Z web-42 crash oops "
                + "BUG: kernel NULL pointer dereference, address: 0000000000000000");
        String[] reportLines = Records.CRASH_TEXT.split("\n");
        assertThat(lines).hasSize(1 + reportLines.length);
        for (int i = 0; i < reportLines.length; i++) {
            assertThat(lines[i + 1]).isEqualTo("  " + reportLines[i]);
        }
    }

    @Test
    void rawHasNoWireBytesOfACrashSoItIsText() throws IOException {
        assertThat(encode(new RawRecordEncoder(), Records.crash()))
                .isEqualTo(encode(new TextRecordEncoder(), Records.crash()));
    }
}
