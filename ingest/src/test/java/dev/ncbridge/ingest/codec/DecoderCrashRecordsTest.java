package dev.ncbridge.ingest.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ncbridge.ingest.crash.CloseReason;
import dev.ncbridge.ingest.crash.CrashKind;
import dev.ncbridge.ingest.crash.CrashLimits;
import dev.ncbridge.ingest.memory.MemoryBudgets;
import dev.ncbridge.ingest.record.CrashRecord;
import dev.ncbridge.ingest.record.EventType;
import dev.ncbridge.ingest.record.Format;
import dev.ncbridge.ingest.record.KernelMessage;
import dev.ncbridge.ingest.record.Record;
import dev.ncbridge.ingest.record.SourceEvent;
import dev.ncbridge.ingest.testing.KernelCaptures;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The decoder's crash wiring: each source's messages into its collector, and what comes out of it. */
class DecoderCrashRecordsTest {
    private static final InetSocketAddress HOST = new InetSocketAddress("127.0.0.1", 6666);
    private static final long T0 = 1_800_000_000_000_000_000L;
    private static final long SECOND = 1_000_000_000L;
    /** An oops cut before its call trace: it has no end, so only a timeout, a restart or a flush ends it. */
    private static final String[] UNFINISHED_OOPS = {
        "BUG: kernel NULL pointer dereference, address: 0000000000000000",
        "#PF: supervisor read access in kernel mode",
        "Oops: 0000 [#1] PREEMPT SMP NOPTI",
        "CPU: 0 PID: 277 Comm: insmod Tainted: G           OE      6.1.0-57-amd64 #1 Debian 6.1.192-3",
    };

    private final DecodeCounters counters = new DecodeCounters();
    private final List<Record> out = new ArrayList<>();

    private NetconsoleDecoder decoder(DecoderLimits limits) {
        return new NetconsoleDecoder(limits, MemoryBudgets.of(1 << 20, limits.maxAssemblyBytes(),
                limits.maxContinuationBytes(), limits.maxLegacyBytes(), limits.maxCrashBytes()), SourceNamer.ADDRESS,
                counters, SourceListener.NONE);
    }

    private static void extended(NetconsoleDecoder d, long seq, long tsUs, String text, long at, List<Record> out) {
        byte[] b = ("4," + seq + "," + tsUs + ",-;" + text + "\n").getBytes(StandardCharsets.UTF_8);
        d.decode(b, 0, b.length, HOST, at, out::add);
    }

    /** The unfinished oops at seq 100.., kernel time 5 s, received from T0. */
    private void unfinishedOops(NetconsoleDecoder d) {
        for (int i = 0; i < UNFINISHED_OOPS.length; i++) {
            extended(d, 100 + i, 5_000_000 + i, UNFINISHED_OOPS[i], T0 + i, out);
        }
    }

    private List<CrashRecord> crashes() {
        return out.stream().filter(r -> r instanceof CrashRecord).map(r -> (CrashRecord) r).collect(Collectors.toList());
    }

    private List<SourceEvent> events(EventType type) {
        return out.stream().filter(r -> r instanceof SourceEvent e && e.event().type() == type)
                .map(r -> (SourceEvent) r).collect(Collectors.toList());
    }

    @Test
    void aCaptureGivesOneCrashRecordPerTargetBesidesEveryLine() {
        NetconsoleDecoder d = decoder(DecoderLimits.defaults());
        List<KernelCaptures.Datagram> capture = KernelCaptures.loadCrash(KernelCaptures.DEBIAN12_OOPS);
        long last = 0;
        for (KernelCaptures.Datagram g : capture) {
            d.decode(g.payload(), 0, g.payload().length, g.source(), g.receivedAtNanos(), out::add);
            last = g.receivedAtNanos();
        }
        assertThat(crashes()).as("the panic's grace has not passed").isEmpty();
        assertThat(d.budgets().crash().used()).as("the open reports' lines").isPositive();
        d.expire(last + 3 * SECOND, out::add);

        assertThat(crashes()).hasSize(4).allSatisfy(c -> {
            assertThat(c.report().kind()).isEqualTo(CrashKind.OOPS);
            assertThat(c.report().panicReason()).isEqualTo("Fatal exception");
            assertThat(c.report().closeReason()).isEqualTo(CloseReason.PANIC_GRACE);
            assertThat(c.message()).isEqualTo(c.report().title());
            assertThat(c.receivedAtNanos()).isEqualTo(c.report().span().lastReceivedAtNanos());
        });
        assertThat(crashes().stream().map(c -> c.format())).containsExactlyInAnyOrder(Format.EXTENDED,
                Format.EXTENDED, Format.LEGACY, Format.LEGACY);
        assertThat(crashes().stream().map(c -> c.source().getPort())).containsExactlyInAnyOrder(
                KernelCaptures.EXTENDED_RELEASE_PORT, KernelCaptures.EXTENDED_USERDATA_PORT,
                KernelCaptures.LEGACY_PARAM_PORT, KernelCaptures.LEGACY_CONFIGFS_PORT);
        assertThat(out.stream().filter(r -> r instanceof KernelMessage)).as("no line held back or lost")
                .hasSize((int) counters.get(DecodeCounter.MESSAGES));
        assertThat(counters.crashes(CrashKind.OOPS)).isEqualTo(4);
        assertThat(d.budgets().crash().used()).isZero();
    }

    @Test
    void aKernelRestartEndsTheReportAndAnUnexplainedOneIsAnEvent() {
        NetconsoleDecoder d = decoder(DecoderLimits.defaults());
        unfinishedOops(d);
        extended(d, 0, 1_000, "Linux version 6.1.0-57-amd64", T0 + 20 * SECOND, out);

        assertThat(crashes()).singleElement().satisfies(c -> {
            assertThat(c.report().closeReason()).isEqualTo(CloseReason.RESTART);
            assertThat(c.report().complete()).isFalse();
            assertThat(c.report().span().firstSeq()).isEqualTo(100L);
            assertThat(c.report().span().lastSeq()).isEqualTo(103L);
            assertThat(c.report().task()).isEqualTo("insmod");
        });
        assertThat(events(EventType.SOURCE_RESET)).singleElement()
                .satisfies(e -> assertThat(e.event().details()).containsEntry("cause", "restart"));
        assertThat(events(EventType.UNEXPLAINED_REBOOT)).singleElement().satisfies(e -> {
            assertThat(e.format()).isEqualTo(Format.EXTENDED);
            assertThat(e.event().details())
                    .containsEntry("last_message", UNFINISHED_OOPS[3])
                    .containsEntry("last_seq", 103L)
                    .containsEntry("last_kernel_ts_us", 5_000_003L)
                    .containsEntry("last_crash_kind", "oops")
                    .containsEntry("last_crash_complete", false);
            assertThat((Long) e.event().details().get("silence_ms")).isBetween(19_999L, 20_000L);
        });
        assertThat(counters.unexplainedReboots()).isEqualTo(1);
        KernelMessage first = (KernelMessage) out.get(out.size() - 1);
        assertThat(first.message()).as("the new boot's message comes after all of that")
                .isEqualTo("Linux version 6.1.0-57-amd64");
        assertThat(d.budgets().crash().used()).isZero();
    }

    @Test
    void aRestartAfterAPanicLineIsExplained() {
        NetconsoleDecoder d = decoder(DecoderLimits.defaults());
        extended(d, 50, 2_000_000, "Kernel panic - not syncing: sysrq triggered crash", T0, out);
        extended(d, 0, 1_000, "Linux version 6.1.0-57-amd64", T0 + 20 * SECOND, out);
        assertThat(crashes()).singleElement().satisfies(c -> assertThat(c.report().kind()).isEqualTo(CrashKind.PANIC));
        assertThat(events(EventType.UNEXPLAINED_REBOOT)).isEmpty();
        assertThat(counters.unexplainedReboots()).isZero();
    }

    @Test
    void aSeqJumpIsNoRestartOfTheKernel() {
        NetconsoleDecoder d = decoder(DecoderLimits.defaults().toBuilder().maxSeqJump(1000).build());
        unfinishedOops(d);
        extended(d, 5_000_000, 5_000_010, "RIP: 0010:ncb_oops_init+0x1c/0x1000 [ncb_oops]", T0 + 10, out);

        assertThat(events(EventType.SOURCE_RESET)).singleElement()
                .satisfies(e -> assertThat(e.event().details()).containsEntry("cause", "seq_jump"));
        assertThat(crashes()).as("the report goes on: a forged seq is no new boot").isEmpty();
        assertThat(events(EventType.UNEXPLAINED_REBOOT)).isEmpty();
        d.flushAll(T0 + 20, out::add);
        assertThat(crashes()).singleElement().satisfies(c -> {
            assertThat(c.report().text()).endsWith("RIP: 0010:ncb_oops_init+0x1c/0x1000 [ncb_oops]");
            assertThat(c.report().rip().function()).isEqualTo("ncb_oops_init");
        });
    }

    @Test
    void aSilentReportClosesAtItsTimeoutThroughTheDecodersExpire() {
        DecoderLimits limits = DecoderLimits.defaults().toBuilder()
                .crash(new CrashLimits(Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofSeconds(1), 100, 65536))
                .build();
        NetconsoleDecoder d = decoder(limits);
        unfinishedOops(d);
        d.expire(T0 + 2 * SECOND, out::add);
        assertThat(crashes()).isEmpty();
        d.expire(T0 + 4 * SECOND, out::add);
        assertThat(crashes()).singleElement()
                .satisfies(c -> assertThat(c.report().closeReason()).isEqualTo(CloseReason.SILENCE));
        assertThat(d.budgets().crash().used()).isZero();
    }

    @Test
    void aForgottenSourceFlushesItsReport() {
        DecoderLimits limits = DecoderLimits.defaults().toBuilder().sourceIdleTimeout(Duration.ofSeconds(60))
                .crash(new CrashLimits(Duration.ofSeconds(1), Duration.ofSeconds(600), Duration.ofSeconds(1), 100, 65536))
                .build();
        NetconsoleDecoder d = decoder(limits);
        unfinishedOops(d);
        d.expire(T0 + 61 * SECOND, out::add);
        assertThat(d.sourceCount()).isZero();
        assertThat(crashes()).singleElement()
                .satisfies(c -> assertThat(c.report().closeReason()).isEqualTo(CloseReason.FLUSH));
        assertThat(d.budgets().crash().used()).isZero();
    }

    @Test
    void flushAllAtStopEmitsTheOpenReport() {
        NetconsoleDecoder d = decoder(DecoderLimits.defaults());
        unfinishedOops(d);
        d.flushAll(T0 + SECOND, out::add);
        assertThat(crashes()).singleElement()
                .satisfies(c -> assertThat(c.report().closeReason()).isEqualTo(CloseReason.FLUSH));
        assertThat(d.budgets().crash().used()).isZero();
    }

    @Test
    void theCrashMemoryBoundsTheReportsAndItsCutsAreCounted() {
        // Room for the first two lines only (a line costs 48 bytes plus two a character).
        DecoderLimits limits = DecoderLimits.defaults().toBuilder().maxCrashBytes(400).build();
        NetconsoleDecoder d = decoder(limits);
        unfinishedOops(d);
        assertThat(crashes()).singleElement().satisfies(c -> {
            assertThat(c.report().closeReason()).isEqualTo(CloseReason.MEMORY);
            assertThat(c.report().text().split("\n")).hasSize(2);
        });
        assertThat(counters.limitedCount(LimitReason.CRASH_REPORT)).as("the third line and the fourth").isEqualTo(2);
        assertThat(out.stream().filter(r -> r instanceof KernelMessage)).as("every line still went out").hasSize(4);
        d.flushAll(T0 + SECOND, out::add);
        assertThat(crashes()).hasSize(1);
        assertThat(d.budgets().crash().used()).isZero();
    }

    @Test
    void aLegacySourceWhoseClockGoesBackRestarted() {
        NetconsoleDecoder d = decoder(DecoderLimits.defaults());
        byte[] before = "[  120.000000] eth0: link up\n".getBytes(StandardCharsets.US_ASCII);
        byte[] after = "[    0.000000] Linux version 6.1.0-57-amd64\n".getBytes(StandardCharsets.US_ASCII);
        d.decode(before, 0, before.length, HOST, T0, out::add);
        d.decode(after, 0, after.length, HOST, T0 + 30 * SECOND, out::add);
        assertThat(events(EventType.UNEXPLAINED_REBOOT)).singleElement().satisfies(e -> {
            assertThat(e.format()).isEqualTo(Format.LEGACY);
            assertThat(e.event().details()).containsEntry("last_message", "eth0: link up")
                    .doesNotContainKey("last_seq");
        });
    }
}
