package dev.ncbridge.app.sources;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ncbridge.app.testing.DecodedCrashes;
import dev.ncbridge.ingest.crash.CrashReport;
import dev.ncbridge.ingest.record.CrashRecord;
import dev.ncbridge.ingest.testing.KernelCaptures;
import org.junit.jupiter.api.Test;

/** The crash list of {@code /api/v1/crashes}: bounded in entries and in each entry's strings. */
class RecentCrashesTest {
    private static final CrashRecord OOPS = DecodedCrashes.crashes(KernelCaptures.DEBIAN12_OOPS).get(0);

    private static CrashRecord from(String host) {
        return new CrashRecord(OOPS.receivedAtNanos(), OOPS.source(), host, OOPS.format(), OOPS.report());
    }

    @Test
    void keepsTheLatestHundredNewestFirst() {
        RecentCrashes crashes = new RecentCrashes();
        for (int i = 0; i < 150; i++) {
            crashes.add(from("host-" + i));
        }
        assertThat(crashes.newestFirst()).hasSize(RecentCrashes.MAX);
        assertThat(crashes.newestFirst().get(0).host()).isEqualTo("host-149");
        assertThat(crashes.newestFirst().get(RecentCrashes.MAX - 1).host()).isEqualTo("host-50");
    }

    @Test
    void aSummaryHasTheReportsFieldsAndNoLongStrings() {
        CrashReport r = OOPS.report();
        CrashReport longTitle = new CrashReport(r.kind(), "BUG: " + "x".repeat(10_000), r.panicReason(), r.rip(),
                r.task(), r.pid(), r.cpu(), r.tainted(), r.release(), r.hardware(), r.traceId(), r.frames(), r.span(),
                r.text(), r.closeReason(), r.complete());
        CrashSummary s = CrashSummary.of(new CrashRecord(OOPS.receivedAtNanos(), OOPS.source(), OOPS.hostName(),
                OOPS.format(), longTitle));
        assertThat(s.title()).hasSize(CrashSummary.MAX_CHARS).startsWith("BUG: xxx");
        assertThat(s.kind()).isEqualTo("oops");
        assertThat(s.panicReason()).isEqualTo("Fatal exception");
        assertThat(s.function()).isEqualTo("ncb_oops_init");
        assertThat(s.task()).isEqualTo("insmod");
        assertThat(s.port()).isEqualTo(OOPS.source().getPort());
        assertThat(s.complete()).isTrue();
    }
}
