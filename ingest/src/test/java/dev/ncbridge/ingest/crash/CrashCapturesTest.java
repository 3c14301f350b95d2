package dev.ncbridge.ingest.crash;

import static dev.ncbridge.ingest.testing.KernelCaptures.EXTENDED_RELEASE_PORT;
import static dev.ncbridge.ingest.testing.KernelCaptures.EXTENDED_USERDATA_PORT;
import static dev.ncbridge.ingest.testing.KernelCaptures.LEGACY_CONFIGFS_PORT;
import static dev.ncbridge.ingest.testing.KernelCaptures.LEGACY_PARAM_PORT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ncbridge.ingest.crash.CrashReport.Frame;
import dev.ncbridge.ingest.testing.KernelCaptures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every crash capture in fixtures/kernel-crash replayed through the decoder into the collectors. */
class CrashCapturesTest {
    private static final int[] PORTS = {EXTENDED_RELEASE_PORT, EXTENDED_USERDATA_PORT, LEGACY_PARAM_PORT,
        LEGACY_CONFIGFS_PORT};
    private static final int[] EXTENDED = {EXTENDED_RELEASE_PORT, EXTENDED_USERDATA_PORT};
    private static final int[] LEGACY = {LEGACY_PARAM_PORT, LEGACY_CONFIGFS_PORT};
    private static final String NULL_DEREF = "BUG: kernel NULL pointer dereference, address: 0000000000000000";
    /** Past the silence timeout: whatever report is still open closes. */
    private static final Duration AFTERWARDS = Duration.ofSeconds(30);

    @Test
    void debian12OopsIsOneReportPerTargetEndedByItsPanic() {
        CrashReplay replay = CrashReplay.ofCrash(KernelCaptures.DEBIAN12_OOPS).idle(AFTERWARDS);
        List<Frame> frames = List.of(
                new Frame("do_one_initcall", 0x59, 0x220, null, true),
                new Frame("do_init_module", 0x4a, 0x1f0, null, true),
                new Frame("__do_sys_finit_module", 0xac, 0x120, null, true),
                new Frame("do_syscall_64", 0x5d, 0xb0, null, true),
                new Frame("do_user_addr_fault", 0x1b0, 0x570, null, false),
                new Frame("exit_to_user_mode_prepare", 0x44, 0x240, null, false),
                new Frame("entry_SYSCALL_64_after_hwframe", 0x6e, 0xd8, null, true));
        for (int port : PORTS) {
            CrashReport r = onlyReport(replay, port);
            assertModuleOopsThatPanicked(r, new Frame("ncb_oops_init", 0x1c, 0x1000, "ncb_oops", true), 277,
                    "6.1.0-57-amd64");
            assertThat(r.hardware()).startsWith("QEMU Standard PC (i440FX + PIIX, 1996)");
            assertThat(r.traceId()).isEqualTo("0000000000000000");
            assertThat(r.frames()).isEqualTo(frames);
            assertThat(r.closeReason()).isEqualTo(CloseReason.PANIC_GRACE);
            assertThat(r.complete()).isTrue();
            assertThat(r.span().firstKernelTimeUs()).isEqualTo(6_098_113L);
            assertThat(r.span().lastKernelTimeUs()).isEqualTo(6_117_580L);
            assertThat(r.text()).isEqualTo(serialLines(KernelCaptures.DEBIAN12_OOPS, "BUG: kernel NULL", "Kernel Offset"));
        }
        assertSeqRange(replay, 461, 512);
    }

    @Test
    void debian12SysrqIsOnePanicPerTarget() {
        CrashReplay replay = CrashReplay.ofCrash(KernelCaptures.DEBIAN12_SYSRQ).idle(AFTERWARDS);
        for (int port : PORTS) {
            CrashReport r = onlyReport(replay, port);
            assertThat(r.kind()).isEqualTo(CrashKind.PANIC);
            assertThat(r.title()).isEqualTo("Kernel panic - not syncing: sysrq triggered crash");
            assertThat(r.panicReason()).isEqualTo("sysrq triggered crash");
            assertThat(r.rip()).as("the only RIP is user space's").isNull();
            assertThat(r.task()).isEqualTo("sh");
            assertThat(r.pid()).isEqualTo(277);
            assertThat(r.tainted()).as("Not tainted").isEmpty();
            assertThat(r.traceId()).isNull();
            assertThat(r.frames()).hasSize(16);
            assertThat(r.frames().get(0)).isEqualTo(new Frame("dump_stack_lvl", 0x44, 0x5c, null, true));
            assertThat(r.frames().get(2)).isEqualTo(new Frame("_printk", 0x68, 0x83, null, false));
            assertThat(r.frames().get(4).function()).isEqualTo("__handle_sysrq.cold");
            assertThat(r.closeReason()).isEqualTo(CloseReason.PANIC_GRACE);
            assertThat(r.complete()).isTrue();
            assertThat(r.text()).isEqualTo(serialLines(KernelCaptures.DEBIAN12_SYSRQ, "Kernel panic", "Kernel Offset"));
        }
        assertSeqRange(replay, 460, 490);
    }

    @Test
    void debian12PanicWhoseTailWasLostClosesAtSilenceIncomplete() {
        CrashReplay replay = CrashReplay.ofCrash(KernelCaptures.DEBIAN12_TAIL_LOST).idle(Duration.ofSeconds(5));
        assertThat(replay.reports).as("within the silence, past the grace: the stack dump is unfinished").isEmpty();
        replay.idle(Duration.ofSeconds(6));
        for (int port : PORTS) {
            CrashReport r = onlyReport(replay, port);
            assertThat(r.kind()).isEqualTo(CrashKind.PANIC);
            assertThat(r.panicReason()).isEqualTo("sysrq triggered crash");
            assertThat(r.closeReason()).isEqualTo(CloseReason.SILENCE);
            assertThat(r.complete()).isFalse();
            assertThat(r.text()).endsWith("RBP: 0000000017762920 R08: fefefefefefefeff R09: fefefefefefeff62");
            assertThat(r.frames()).hasSize(17);
        }
    }

    @Test
    void recentKernelHaltedAfterPanicSendsItAllUpToTheEndOfThePanic() {
        CrashReplay replay = CrashReplay.ofCrash(KernelCaptures.RECENT_OOPS_HALTED);
        for (int port : PORTS) {
            CrashReport r = onlyReport(replay, port);
            assertModuleOopsThatPanicked(r, new Frame("ncb_oops_init", 0x20, 0xff0, "ncb_oops", true), 294,
                    "7.3.4+deb13-amd64");
            assertThat(r.frames()).hasSize(19).allSatisfy(f -> assertThat(f.reliable()).isFalse());
            assertThat(r.frames().get(0)).isEqualTo(new Frame("do_one_initcall", 0x57, 0x310, null, false));
            assertThat(r.closeReason()).as("closed at once, without waiting").isEqualTo(CloseReason.END_MARKER);
            assertThat(r.complete()).isTrue();
            assertThat(r.text()).isEqualTo(
                    serialLines(KernelCaptures.RECENT_OOPS_HALTED, "BUG: kernel NULL", "---[ end Kernel panic"));
        }
        assertSeqRange(replay, 465, 522);
    }

    @Test
    void recentKernelRebootingAfterThreeSecondsSendsTheOopsButNotThePanic() {
        CrashReplay replay = CrashReplay.ofCrash(KernelCaptures.RECENT_OOPS_PARTIAL).idle(AFTERWARDS);
        for (int port : PORTS) {
            CrashReport r = onlyReport(replay, port);
            assertThat(r.kind()).isEqualTo(CrashKind.OOPS);
            assertThat(r.panicReason()).isNull();
            assertThat(r.fatal()).isFalse();
            assertThat(r.rip().function()).isEqualTo("ncb_oops_init");
            assertThat(r.closeReason()).isEqualTo(CloseReason.END_MARKER);
            assertThat(r.complete()).isTrue();
            assertThat(r.text()).endsWith("---[ end trace 0000000000000000 ]---");
        }
        replay.feedAfter(KernelCaptures.load(KernelCaptures.RECENT), Duration.ofSeconds(20));
        for (int port : PORTS) {
            UnexplainedRestart u = onlyRestart(replay, port);
            assertThat(u.lastMessage()).isEqualTo("---[ end trace 0000000000000000 ]---");
            assertThat(u.lastReportKind()).as("an oops that did not say it was fatal").isEqualTo(CrashKind.OOPS);
            assertThat(u.lastReportComplete()).isTrue();
            assertThat(u.silenceNanos()).isGreaterThanOrEqualTo(Duration.ofSeconds(20).toNanos());
        }
        assertThat(replay.reports).as("the next boot has no report").hasSize(4);
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void recentKernelRebootingAtOnceSendsNothingOfTheCrashAndTheRestartIsUnexplained(boolean sameCapture) {
        CrashReplay replay = CrashReplay.ofCrash(KernelCaptures.RECENT_OOPS_SILENT).idle(AFTERWARDS);
        assertThat(replay.reports).isEmpty();
        assertThat(replay.restarts).isEmpty();
        List<KernelCaptures.Datagram> nextBoot = sameCapture
                ? KernelCaptures.loadCrash(KernelCaptures.RECENT_OOPS_SILENT) : KernelCaptures.load(KernelCaptures.RECENT);
        replay.feedAfter(nextBoot, Duration.ofSeconds(15));
        for (int port : PORTS) {
            UnexplainedRestart u = onlyRestart(replay, port);
            assertThat(u.lastMessage()).isEqualTo("ncb_oops: reading through a NULL pointer");
            assertThat(u.lastKernelTimeUs()).isEqualTo(7_248_284L);
            assertThat(u.lastReportKind()).isNull();
            long silence = AFTERWARDS.plusSeconds(15).toNanos();
            assertThat(u.silenceNanos()).as("up to the target's first message of the next boot")
                    .isBetween(silence, silence + Duration.ofSeconds(10).toNanos());
        }
        for (int port : EXTENDED) {
            assertThat(onlyRestart(replay, port).lastSeq()).isEqualTo(465L);
        }
        for (int port : LEGACY) {
            assertThat(onlyRestart(replay, port).lastSeq()).isNull();
        }
    }

    @Test
    void aRestartAfterAPanicIsExplained() {
        CrashReplay replay = CrashReplay.ofCrash(KernelCaptures.DEBIAN12_OOPS)
                .feedAfter(KernelCaptures.load(KernelCaptures.DEBIAN12), Duration.ofSeconds(20));
        assertThat(replay.restarts).isEmpty();
        assertThat(replay.reports).hasSize(4);
    }

    @Test
    void aRestartAfterALostPanicTailIsExplainedByItsPanicLine() {
        CrashReplay replay = CrashReplay.ofCrash(KernelCaptures.DEBIAN12_TAIL_LOST)
                .feedAfter(KernelCaptures.loadCrash(KernelCaptures.DEBIAN12_TAIL_LOST), Duration.ofSeconds(5));
        assertThat(replay.restarts).isEmpty();
        assertThat(replay.reports).as("closed by the restart, before the silence").hasSize(4)
                .allSatisfy(f -> {
                    assertThat(f.value().closeReason()).isEqualTo(CloseReason.RESTART);
                    assertThat(f.value().complete()).isFalse();
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {KernelCaptures.RECENT, KernelCaptures.DEBIAN12})
    void bootsWithoutACrashHaveNoReport(String kernel) {
        CrashReplay replay = new CrashReplay();
        replay.feedAfter(KernelCaptures.load(kernel), Duration.ZERO).idle(AFTERWARDS);
        assertThat(replay.reports).isEmpty();
        assertThat(replay.collectors).hasSize(4);
    }

    /** The scripted crash: insmod of a module that reads through NULL, with panic_on_oops. */
    private static void assertModuleOopsThatPanicked(CrashReport r, Frame rip, int pid, String release) {
        assertThat(r.kind()).isEqualTo(CrashKind.OOPS);
        assertThat(r.title()).isEqualTo(NULL_DEREF);
        assertThat(r.panicReason()).isEqualTo("Fatal exception");
        assertThat(r.rip()).isEqualTo(rip);
        assertThat(r.task()).isEqualTo("insmod");
        assertThat(r.pid()).isEqualTo(pid);
        assertThat(r.cpu()).isZero();
        assertThat(r.tainted()).isEqualTo("OE");
        assertThat(r.release()).isEqualTo(release);
    }

    private static CrashReport onlyReport(CrashReplay replay, int port) {
        List<CrashReport> found = replay.reportsFrom(port);
        assertThat(found).as("reports from port %d", port).hasSize(1);
        return found.get(0);
    }

    private static UnexplainedRestart onlyRestart(CrashReplay replay, int port) {
        List<UnexplainedRestart> found = replay.restartsFrom(port);
        assertThat(found).as("unexplained restarts of port %d", port).hasSize(1);
        return found.get(0);
    }

    private static void assertSeqRange(CrashReplay replay, long first, long last) {
        for (int port : EXTENDED) {
            CrashReport r = onlyReport(replay, port);
            assertThat(r.span().firstSeq()).isEqualTo(first);
            assertThat(r.span().lastSeq()).isEqualTo(last);
            assertThat(r.text().lines()).as("one line per seq, none missing").hasSize((int) (last - first + 1));
        }
        for (int port : LEGACY) {
            assertThat(onlyReport(replay, port).span().firstSeq()).isNull();
        }
    }

    /** The serial console's lines from the one starting with {@code from} to the one starting with {@code to}, without their timestamps. */
    private static String serialLines(String run, String from, String to) {
        List<String> text;
        try {
            text = Files.readAllLines(KernelCaptures.crashDirectory().resolve(run + ".serial.log"),
                    StandardCharsets.UTF_8).stream()
                    .filter(l -> l.startsWith("["))
                    .map(l -> l.replace("\r", "").substring(l.indexOf("] ") + 2))
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        int start = indexOf(text, from, 0);
        return String.join("\n", text.subList(start, indexOf(text, to, start) + 1));
    }

    private static int indexOf(List<String> lines, String prefix, int from) {
        for (int i = from; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        throw new AssertionError("no line starting with " + prefix);
    }
}
