package dev.ncbridge.sink.encode;

import dev.ncbridge.ingest.crash.CloseReason;
import dev.ncbridge.ingest.crash.CrashKind;
import dev.ncbridge.ingest.crash.CrashReport;
import dev.ncbridge.ingest.crash.CrashReport.Frame;
import dev.ncbridge.ingest.record.CrashRecord;
import dev.ncbridge.ingest.record.Format;
import java.net.InetSocketAddress;
import java.util.List;

/** Crash records for the encoder and spool tests. */
public final class CrashRecords {
    public static final String TEXT = String.join("\n",
            "BUG: kernel NULL pointer dereference, address: 0000000000000000",
            "Oops: 0000 [#1] PREEMPT SMP NOPTI",
            "CPU: 0 PID: 277 Comm: insmod Tainted: G           OE      6.1.0-57-amd64 #1 Debian 6.1.192-3",
            "RIP: 0010:ncb_oops_init+0x1c/0x1000 [ncb_oops]",
            "Call Trace:",
            " <TASK>",
            " ? do_user_addr_fault+0x1b0/0x570",
            " do_one_initcall+0x59/0x220",
            " </TASK>",
            "Kernel panic - not syncing: Fatal exception",
            "Kernel Offset: 0x1f000000 from 0xffffffff81000000 (relocation range: 0xffffffff80000000-0xffffffffbfffffff)");

    private CrashRecords() {
    }

    /** Every field of the report set, none to its default, so a field a codec forgets fails a comparison. */
    public static CrashRecord everyField() {
        CrashReport report = new CrashReport(CrashKind.OOPS,
                "BUG: kernel NULL pointer dereference, address: 0000000000000000", "Fatal exception",
                new Frame("ncb_oops_init", 0x1c, 0x1000, "ncb_oops", true), "insmod", 277, 3, "OE", "6.1.0-57-amd64",
                "QEMU Standard PC (i440FX + PIIX, 1996)", "0000000000000000",
                List.of(new Frame("do_user_addr_fault", 0x1b0, 0x570, null, false),
                        new Frame("do_one_initcall", 0x59, 0x220, null, true)),
                new CrashReport.Span(461L, 512L, 6_098_113L, 6_117_580L, 1_796_186_790_000_000_000L,
                        1_796_186_790_500_000_000L),
                TEXT, CloseReason.PANIC_GRACE, true);
        return new CrashRecord(1_796_186_790_500_000_000L, new InetSocketAddress("2001:db8::7", 16666), "web-42",
                Format.EXTENDED, report);
    }

    /** A legacy target's report without the fields a bare panic lacks. */
    public static CrashRecord fewestFields() {
        CrashReport report = new CrashReport(CrashKind.PANIC, "Kernel panic - not syncing: sysrq triggered crash",
                "sysrq triggered crash", null, null, null, null, null, null, null, null, List.of(),
                new CrashReport.Span(null, null, null, null, 7, 8),
                "Kernel panic - not syncing: sysrq triggered crash", CloseReason.SILENCE, false);
        return new CrashRecord(8, new InetSocketAddress("10.0.0.5", 6666), "10.0.0.5", Format.LEGACY, report);
    }
}
