package dev.ncbridge.sink.syslog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ncbridge.config.ConfigLoader;
import dev.ncbridge.config.Substitution;
import dev.ncbridge.ingest.crash.CloseReason;
import dev.ncbridge.ingest.crash.CrashKind;
import dev.ncbridge.ingest.crash.CrashReport;
import dev.ncbridge.ingest.record.CrashRecord;
import dev.ncbridge.ingest.record.Format;
import dev.ncbridge.sink.RunnerSettings;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A crash record as a syslog message: its own MSGID, severity and structured data, its title as the text. */
class CrashRecordSyslogTest {
    private static final long AT = 1_795_000_000_123_456_789L;

    private static String rfc5424(CrashRecord r) {
        MessageFormatter f = MessageFormatter.of(SyslogOptions.from(new ConfigLoader(new Substitution(k -> null))
                .load("t.yaml", "sinks:\n  s: {type: syslog, address: \"h:514\"}\n").sinks().get("s")
                .without(RunnerSettings.KEYS_WITHOUT_FORMAT)));
        ByteBuf out = Unpooled.buffer();
        f.write(r, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static CrashRecord crash(CrashKind kind, String panicReason, Long firstSeq) {
        CrashReport report = new CrashReport(kind, "BUG: kernel NULL pointer dereference, address: 0000000000000000",
                panicReason, new CrashReport.Frame("ncb_oops_init", 0x1c, 0x1000, "ncb_oops", true), "insmod", 277, 0,
                "OE", "6.1.0-57-amd64", null, null, List.of(),
                new CrashReport.Span(firstSeq, firstSeq == null ? null : firstSeq + 51, null, null, AT, AT),
                "BUG: kernel NULL pointer dereference, address: 0000000000000000", CloseReason.PANIC_GRACE, true);
        return new CrashRecord(AT, new InetSocketAddress("10.0.0.5", 6666), "web-42", Format.EXTENDED, report);
    }

    @Test
    void aFatalOopsIsCriticalWithTheReportsFieldsAsStructuredData() {
        assertThat(rfc5424(crash(CrashKind.OOPS, "Fatal exception", 461L))).isEqualTo(
                "<2>1 2026-11-18T11:06:40.123456Z web-42 kernel - crash [netconsole@32473 crash_kind=\"oops\""
                        + " first_seq=\"461\" last_seq=\"512\" task=\"insmod\" pid=\"277\" rip=\"ncb_oops_init\""
                        + " rip_module=\"ncb_oops\""
                        + " panic_reason=\"Fatal exception\" close_reason=\"panic_grace\" complete=\"true\"]"
                        + " BUG: kernel NULL pointer dereference, address: 0000000000000000");
    }

    @Test
    void severityFollowsWhatTheReportSays() {
        assertThat(rfc5424(crash(CrashKind.OOPS, null, null))).startsWith("<3>1 ").doesNotContain("first_seq");
        assertThat(rfc5424(crash(CrashKind.WARNING, null, null))).startsWith("<4>1 ");
    }
}
