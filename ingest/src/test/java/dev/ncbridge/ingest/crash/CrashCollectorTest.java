package dev.ncbridge.ingest.crash;

import dev.ncbridge.ingest.memory.ByteBudget;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ncbridge.ingest.crash.CrashReport.Frame;
import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The collector and parser on kernel texts of several versions, fed by hand. */
class CrashCollectorTest {
    private static final String AFTER = "e1000e 0000:00:1f.6 eth0: NIC Link is Up 1000 Mbps Full Duplex";

    @Nested
    class KernelVersions {
        @Test
        void oopsOf6_1EndsAtItsEndMarkerWhenTheNextMessageArrives() {
            CollectorDriver d = CollectorDriver.extended().send(KernelTexts.OOPS_6_1);
            assertThat(d.reports).as("waits for a summary or panic after the end marker").isEmpty();
            d.line(AFTER);
            CrashReport r = d.only();
            assertThat(r.kind()).isEqualTo(CrashKind.OOPS);
            assertThat(r.title()).isEqualTo("BUG: kernel NULL pointer dereference, address: 0000000000000008");
            assertThat(r.rip()).isEqualTo(new Frame("nvme_poll", 0x1c, 0x90, "nvme", true));
            assertThat(r.task()).isEqualTo("kworker/2:1");
            assertThat(r.pid()).isEqualTo(4242);
            assertThat(r.cpu()).isEqualTo(2);
            assertThat(r.tainted()).isEqualTo("O");
            assertThat(r.release()).isEqualTo("6.1.0-18-amd64");
            assertThat(r.frames()).containsExactly(
                    new Frame("nvme_irq", 0x30, 0x50, "nvme", false),
                    new Frame("__handle_irq_event_percpu", 0x46, 0x190, null, true),
                    new Frame("blk_mq_poll", 0x31, 0x60, null, true),
                    new Frame("io_do_iopoll", 0x80, 0x2b0, null, false));
            assertThat(r.panicReason()).isNull();
            assertThat(r.closeReason()).isEqualTo(CloseReason.END_MARKER);
            assertThat(r.complete()).isTrue();
            assertThat(r.text()).isEqualTo(KernelTexts.OOPS_6_1).doesNotContain(AFTER);
            assertThat(r.text()).contains("PGD 0 P4D 0 \n");
            assertThat(r.span().firstSeq()).isEqualTo(101L);
            assertThat(r.span().lastSeq()).isEqualTo(100L + KernelTexts.OOPS_6_1.lines().count());
        }

        @Test
        void oopsOf6_12WithDoubledOopsAndTrailingSpacesEndsAtTheEndOfItsPanic() {
            CollectorDriver d = CollectorDriver.legacy().send(KernelTexts.OOPS_6_12);
            CrashReport r = d.only();
            assertThat(r.kind()).isEqualTo(CrashKind.OOPS);
            assertThat(r.text()).contains("\nOops: Oops: 0000 [#1] SMP NOPTI\n");
            assertThat(r.task()).isEqualTo("insmod");
            assertThat(r.pid()).isEqualTo(294);
            assertThat(r.cpu()).isZero();
            assertThat(r.tainted()).isEqualTo("OE");
            assertThat(r.release()).isEqualTo("6.12.6-amd64");
            assertThat(r.rip()).isEqualTo(new Frame("ncb_oops_init", 0x20, 0xff0, "ncb_oops", true));
            assertThat(r.frames()).extracting(Frame::reliable).containsExactly(false, false, true);
            assertThat(r.frames().get(2)).isEqualTo(new Frame("ncb_oops_helper", 8, 0x20, "ncb_oops", true));
            assertThat(r.panicReason()).isEqualTo("Fatal exception");
            assertThat(r.fatal()).isTrue();
            assertThat(r.closeReason()).isEqualTo(CloseReason.END_MARKER);
            assertThat(r.span().firstSeq()).as("legacy").isNull();
            assertThat(r.span().firstKernelTimeUs()).isEqualTo(5_000_100L);
        }

        @Test
        void generalProtectionFaultOf5_10WithoutTaskMarkers() {
            CollectorDriver d = CollectorDriver.extended().send(KernelTexts.GPF_5_10).line(AFTER);
            CrashReport r = d.only();
            assertThat(r.kind()).isEqualTo(CrashKind.OOPS);
            assertThat(r.title()).startsWith("general protection fault, probably for non-canonical address");
            assertThat(r.rip()).isEqualTo(new Frame("__list_del_entry_valid", 0x25, 0x90, null, true));
            assertThat(r.tainted()).isEqualTo("W");
            assertThat(r.hardware()).isEqualTo("Dell Inc. PowerEdge R640/0W23H8, BIOS 2.11.2 04/21/2021");
            assertThat(r.traceId()).isEqualTo("5c1b8e9a3a7d6f10");
            assertThat(r.frames()).hasSize(6).first()
                    .isEqualTo(new Frame("mlx5e_close_channel", 0x2e, 0x70, "mlx5_core", true));
            assertThat(r.text()).endsWith("RSP: 0018:ffffb0c2c1b8fd90 EFLAGS: 00010246");
            assertThat(r.complete()).isTrue();
        }

        @Test
        void warningOf4_8WithAddressedFramesAndProprietaryTaint() {
            CollectorDriver d = CollectorDriver.legacy().send(KernelTexts.WARNING_4_8).idle(2_000);
            CrashReport r = d.only();
            assertThat(r.kind()).isEqualTo(CrashKind.WARNING);
            assertThat(r.title()).isEqualTo("WARNING: CPU: 1 PID: 28102 at kernel/module.c:1108 module_put+0x57/0x70");
            assertThat(r.task()).isEqualTo("rmmod");
            assertThat(r.tainted()).isEqualTo("PWCO");
            assertThat(r.release()).isEqualTo("4.8.4-build.1");
            assertThat(r.frames()).hasSize(5).allSatisfy(f -> assertThat(f.reliable()).isFalse());
            assertThat(r.frames().get(4)).isEqualTo(new Frame("gp8psk_fe_set_frontend", 0x80, 0x80, "dvb_usb_gp8psk", false));
            assertThat(r.closeReason()).as("the grace after the end marker").isEqualTo(CloseReason.END_MARKER);
        }

        @Test
        void warningOf6_1StartsAtTheWarningNotAtCutHere() {
            CrashReport r = CollectorDriver.extended().send(KernelTexts.WARNING_6_1).line(AFTER).only();
            assertThat(r.kind()).isEqualTo(CrashKind.WARNING);
            assertThat(r.text()).startsWith("WARNING: CPU: 2 PID: 1 at drivers/gpu/drm/i915");
            assertThat(r.tainted()).isEmpty();
            assertThat(r.rip().module()).isEqualTo("i915");
            assertThat(r.frames()).extracting(Frame::function).containsExactly("__warn", "i915_driver_release");
        }

        @Test
        void arm64OopsAndItsPanic() {
            CrashReport r = CollectorDriver.extended().send(KernelTexts.OOPS_ARM64_6_6).only();
            assertThat(r.kind()).isEqualTo(CrashKind.OOPS);
            assertThat(r.title()).isEqualTo(
                    "Unable to handle kernel NULL pointer dereference at virtual address 0000000000000000");
            assertThat(r.rip()).isEqualTo(new Frame("ncb_oops_init", 0x14, 0x1000, "ncb_oops", true));
            assertThat(r.frames()).hasSize(4);
            assertThat(r.panicReason()).isEqualTo("Oops: Fatal exception");
            assertThat(r.text()).as("what the dying kernel printed after its panic").contains("SMP: stopping secondary CPUs")
                    .endsWith("---[ end Kernel panic - not syncing: Oops: Fatal exception ]---");
            assertThat(r.closeReason()).isEqualTo(CloseReason.END_MARKER);
        }
    }

    @Nested
    class ReportKinds {
        @Test
        void softLockupEndsWithItsStackWhenTheNextMessageArrives() {
            CrashReport r = CollectorDriver.extended().send(KernelTexts.SOFT_LOCKUP_6_1).line(AFTER).only();
            assertThat(r.kind()).isEqualTo(CrashKind.SOFT_LOCKUP);
            assertThat(r.tainted()).isEqualTo("L");
            assertThat(r.frames()).extracting(Frame::function).containsExactly("watchdog_timer_fn", "ata_scsi_queuecmd");
            assertThat(r.closeReason()).isEqualTo(CloseReason.NEXT_MESSAGE);
            assertThat(r.complete()).isTrue();
        }

        @Test
        void hungTasksAreOneReportEach() {
            CollectorDriver d = CollectorDriver.extended().send(KernelTexts.HUNG_TASK_6_1)
                    .send(KernelTexts.HUNG_TASK_6_1.replace("jbd2/sda1-8:245", "kworker/u8:3:1234")).line(AFTER);
            assertThat(d.reports).hasSize(2).allSatisfy(r -> {
                assertThat(r.kind()).isEqualTo(CrashKind.HUNG_TASK);
                assertThat(r.frames()).hasSize(3);
                assertThat(r.complete()).isTrue();
            });
            assertThat(d.reports.get(1).title()).isEqualTo("INFO: task kworker/u8:3:1234 blocked for more than 120 seconds.");
        }

        @Test
        void rcuStall() {
            CrashReport r = CollectorDriver.legacy().send(KernelTexts.RCU_STALL_6_1).line(AFTER).only();
            assertThat(r.kind()).isEqualTo(CrashKind.RCU_STALL);
            assertThat(r.title()).isEqualTo("rcu: INFO: rcu_preempt detected stalls on CPUs/tasks:");
            assertThat(r.task()).isEqualTo("swapper/3");
            assertThat(r.frames()).extracting(Frame::function).containsExactly("nmi_cpu_backtrace", "default_idle");
        }

        @Test
        void oomKillRunsFromTheKillerToTheKilledProcess() {
            CrashReport r = CollectorDriver.extended().send(KernelTexts.OOM_6_1).only();
            assertThat(r.kind()).isEqualTo(CrashKind.OOM_KILL);
            assertThat(r.title()).startsWith("stress invoked oom-killer:");
            assertThat(r.task()).isEqualTo("stress");
            assertThat(r.pid()).isEqualTo(812);
            assertThat(r.frames()).hasSize(4);
            assertThat(r.text()).contains("Tasks state").endsWith("oom_score_adj:0");
            assertThat(r.closeReason()).isEqualTo(CloseReason.END_MARKER);
        }

        @ParameterizedTest
        @ValueSource(strings = {"Memory cgroup out of memory: Killed process 4711 (java) total-vm:8180124kB",
            "Out of memory (oom_kill_allocating_task): Killed process 4711 (java) total-vm:8180124kB"})
        void aKillLineAloneIsAReportOfOneLine(String kill) {
            CrashReport r = CollectorDriver.extended().line(kill).only();
            assertThat(r.kind()).isEqualTo(CrashKind.OOM_KILL);
            assertThat(r.text().lines()).hasSize(1);
            assertThat(r.complete()).isTrue();
        }

        @Test
        void ordinaryMessagesStartNothing() {
            CollectorDriver d = CollectorDriver.extended()
                    .line("usb 1-1: DEBUG: new descriptor")
                    .line("ACPI BIOS Warning (bug): Incorrect checksum in table [BGRT]")
                    .line("hid-generic: WARNING: unknown usage page")
                    .line("INFO: lockdep is turned off.")
                    .line("whoops: not a crash; NOOPS: neither")
                    .line("sysrq: HELP : loglevel(0-9) reboot(b) crash(c) memory-full-oom-kill(f)")
                    .line("Kernel command line: console=ttyS0 panic=-1")
                    .line("NCB-BEFORE-CRASH")
                    .idle(60_000);
            assertThat(d.reports).isEmpty();
            assertThat(d.collector.isCollecting()).isFalse();
        }

        @Test
        void aReportLinePrintedMuchLaterStartsNoPartOfIt() {
            CollectorDriver d = CollectorDriver.legacy().line("BUG: Bad rss-counter state mm:000000007ad4a3c6 type:MM_ANONPAGES val:1");
            d.kernelTimeUs += 5_000_000;
            d.line("Call Trace:");
            CrashReport r = d.only();
            assertThat(r.text().lines()).hasSize(1);
            assertThat(r.kind()).isEqualTo(CrashKind.BUG);
            assertThat(r.complete()).as("no trace came").isFalse();
        }
    }

    @Nested
    class Closing {
        @Test
        void aMessageFromBeforeTheReportDeliveredLateNeitherJoinsNorEndsIt() {
            CollectorDriver d = CollectorDriver.extended().send(KernelTexts.SOFT_LOCKUP_6_1);
            d.collector.acceptExtended("NCB late message", 100, d.kernelTimeUs - 1000, d.nowNanos, d);
            assertThat(d.reports).isEmpty();
            d.line(AFTER);
            assertThat(d.only().text()).isEqualTo(KernelTexts.SOFT_LOCKUP_6_1);
        }

        @Test
        void anEndedReportWaitsTheGraceForItsPanic() {
            CollectorDriver d = CollectorDriver.extended().send(KernelTexts.WARNING_6_1);
            assertThat(d.collector.deadlineNanos()).isEqualTo(d.nowNanos + Duration.ofSeconds(2).toNanos());
            d.idle(1_999);
            assertThat(d.reports).isEmpty();
            d.idle(1);
            assertThat(d.only().closeReason()).isEqualTo(CloseReason.END_MARKER);
            assertThat(d.collector.deadlineNanos()).isEqualTo(Long.MAX_VALUE);
        }

        @Test
        void aWarningThatPanicsTakesThePanicsStackDump() {
            CollectorDriver d = CollectorDriver.extended().send(KernelTexts.WARNING_6_1).send("""
                    Kernel panic - not syncing: kernel: panic_on_warn set ...
                    CPU: 2 PID: 1 Comm: systemd Not tainted 6.1.0-18-amd64 #1  Debian 6.1.76-1
                    Call Trace:
                     <TASK>
                     dump_stack_lvl+0x44/0x5c
                     panic+0x118/0x2f4
                     </TASK>
                    Kernel Offset: disabled""").idle(2_000);
            CrashReport r = d.only();
            assertThat(r.kind()).isEqualTo(CrashKind.WARNING);
            assertThat(r.panicReason()).isEqualTo("kernel: panic_on_warn set ...");
            assertThat(r.frames()).as("the warning's trace").extracting(Frame::function)
                    .containsExactly("__warn", "i915_driver_release");
            assertThat(r.closeReason()).isEqualTo(CloseReason.PANIC_GRACE);
            assertThat(r.complete()).isTrue();
        }

        @Test
        void aReportCutShortWaitsForTheSilenceAndIsIncomplete() {
            String head = KernelTexts.OOPS_6_1.substring(0, KernelTexts.OOPS_6_1.indexOf("\n blk_mq_poll"));
            CollectorDriver d = CollectorDriver.extended().send(head);
            d.idle(9_999);
            assertThat(d.reports).isEmpty();
            d.idle(1);
            CrashReport r = d.only();
            assertThat(r.closeReason()).isEqualTo(CloseReason.SILENCE);
            assertThat(r.complete()).as("inside <TASK>").isFalse();
        }

        @Test
        void aPanicWaitsForItsStackDumpBeforeTheGraceApplies() {
            CollectorDriver d = CollectorDriver.extended().line("Kernel panic - not syncing: VFS: Unable to mount root fs");
            d.idle(5_000);
            assertThat(d.reports).as("the stack dump of panic() is still to come").isEmpty();
            d.idle(5_000);
            assertThat(d.only().closeReason()).isEqualTo(CloseReason.SILENCE);
            assertThat(d.only().complete()).isFalse();
        }

        @Test
        void flushClosesWhatIsOpen() {
            CollectorDriver d = CollectorDriver.extended().send(KernelTexts.SOFT_LOCKUP_6_1);
            d.collector.flush(d);
            assertThat(d.only().closeReason()).isEqualTo(CloseReason.FLUSH);
            assertThat(d.only().complete()).as("its stack had closed").isTrue();
        }
    }

    @Nested
    class BadInput {
        @Test
        void aStartLineWhoseShapeNeedsItsTrailingSpaceStillMakesAReport() {
            CrashReport r = CollectorDriver.extended().line("WARNING: at ").idle(10_000).only();
            assertThat(r.kind()).isEqualTo(CrashKind.WARNING);
            assertThat(r.title()).isEqualTo("WARNING: at");
        }

        @Test
        void numbersTooLargeForTheirFieldsLeaveThemEmpty() {
            CrashReport r = CollectorDriver.extended().send("""
                    BUG: scheduling while atomic: foo/1/0x00000002
                    CPU: 99999999999999 PID: 1 Comm: foo Not tainted 6.1.0 #1
                    Call Trace:
                     bar+0x1/0x2
                     foo+0x11111111111111111/0x2""").only();
            assertThat(r.cpu()).isNull();
            assertThat(r.task()).isNull();
            assertThat(r.frames()).containsExactly(new Frame("bar", 1, 2, null, true));
            assertThat(r.closeReason()).as("a frame line that is no frame ends the trace").isEqualTo(CloseReason.NEXT_MESSAGE);
        }
    }

    @Nested
    class Bounds {
        @Test
        void anEndlessTraceIsCutAtTheLineBoundAndHoldsNoMoreMemory() {
            CrashLimits limits = CrashLimits.defaults();
            CollectorDriver d = CollectorDriver.extended(limits).send("""
                    BUG: soft lockup - CPU#0 stuck for 22s! [loop:1]
                    Call Trace:
                     <TASK>""");
            int frames = 1_000_000;
            long maxHeld = 0;
            for (int i = 0; i < frames; i++) {
                d.line(" recurse+0x1" + (i % 10) + "/0x40 [loop]");
                maxHeld = Math.max(maxHeld, d.collector.heldBytes());
            }
            CrashReport r = d.only();
            assertThat(r.closeReason()).isEqualTo(CloseReason.LINE_LIMIT);
            assertThat(r.complete()).isFalse();
            assertThat(r.text().lines()).hasSize(limits.maxLines());
            assertThat(d.dropped).isEqualTo(frames + 3 - limits.maxLines());
            assertThat(maxHeld).isLessThanOrEqualTo(limits.maxBytes());
            assertThat(d.collector.heldBytes()).as("nothing kept once cut").isZero();

            d.line(" </TASK>").line(AFTER).line("WARNING: CPU: 0 PID: 1 at lib/foo.c:1 foo+0x1/0x2");
            assertThat(d.reports).as("the cut report ended; a new one starts").hasSize(1);
            assertThat(d.collector.isCollecting()).isTrue();
        }

        @Test
        void longLinesAreCutAtTheByteBound() {
            CrashLimits limits = new CrashLimits(Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(1),
                    400, 16 * 1024);
            CollectorDriver d = CollectorDriver.extended(limits).line("BUG: scheduling while atomic: swapper/0/0/0x00000002");
            String code = "Code: " + "90 ".repeat(1000);
            for (int i = 0; i < 10; i++) {
                d.line(code);
                assertThat(d.collector.heldBytes()).isLessThanOrEqualTo(limits.maxBytes());
            }
            CrashReport r = d.only();
            assertThat(r.closeReason()).isEqualTo(CloseReason.BYTE_LIMIT);
            assertThat(r.text().length()).isLessThan(limits.maxBytes() / 2);
            assertThat(d.dropped).isPositive();
        }

        @Test
        void sourcesCrashingAtOnceShareTheMemoryForReports() {
            long oneReport = KernelTexts.OOPS_6_1.lines().mapToLong(CrashLimits::cost).sum();
            ByteBudget memory = new ByteBudget("crash_reports", oneReport + oneReport / 2);
            CollectorDriver first = CollectorDriver.extended(CrashLimits.defaults(), memory).send(KernelTexts.OOPS_6_1);
            CollectorDriver second = CollectorDriver.extended(CrashLimits.defaults(), memory).send(KernelTexts.OOPS_6_1);
            assertThat(memory.used()).isLessThanOrEqualTo(memory.limit());
            assertThat(first.reports).isEmpty();
            CrashReport cut = second.only();
            assertThat(cut.closeReason()).isEqualTo(CloseReason.MEMORY);
            assertThat(cut.complete()).isFalse();
            assertThat(second.dropped).isPositive();

            first.line(AFTER);
            second.line(AFTER);
            assertThat(first.only().text()).isEqualTo(KernelTexts.OOPS_6_1);
            assertThat(memory.used()).as("every report closed gave its bytes back").isZero();
        }

        @Test
        void aFirstLineBeyondTheBoundsIsAReportOfItsOwn() {
            String huge = "BUG: " + "x".repeat(40_000);
            CollectorDriver d = CollectorDriver.extended(CrashLimits.defaults(), new ByteBudget("crash_reports", 0)).line(huge);
            CrashReport r = d.only();
            assertThat(r.closeReason()).isEqualTo(CloseReason.BYTE_LIMIT);
            assertThat(r.text()).isEqualTo(huge);
            d.line("CPU: 0 PID: 1 Comm: init Not tainted 6.1.0 #1");
            assertThat(d.dropped).isEqualTo(1);
            assertThat(d.collector.heldBytes()).isZero();
        }

        @Test
        void aReportStartedWhenTheSharedMemoryIsSpentKeepsItsFirstLine() {
            CollectorDriver d = CollectorDriver.extended(CrashLimits.defaults(), new ByteBudget("crash_reports", 0))
                    .line("watchdog: BUG: soft lockup - CPU#1 stuck for 26s! [kworker/1:1:58]");
            assertThat(d.only().closeReason()).isEqualTo(CloseReason.MEMORY);
            assertThat(d.only().kind()).isEqualTo(CrashKind.SOFT_LOCKUP);
        }

        @Test
        void anIdleCollectorKeepsTheLastMessageShort() {
            CollectorDriver d = CollectorDriver.extended().line("x".repeat(50_000));
            d.restart();
            assertThat(d.restarts.get(0).lastMessage()).hasSize(CrashCollector.MAX_LAST_MESSAGE_CHARS);
        }
    }

    @Nested
    class Restarts {
        @Test
        void aRestartAfterOrdinaryMessagesIsUnexplained() {
            CollectorDriver d = CollectorDriver.extended().line("systemd[1]: Started foo.service.");
            long last = d.nowNanos;
            d.idle(40_000);
            assertThat(d.restart()).isTrue();
            UnexplainedRestart u = d.restarts.get(0);
            assertThat(u.lastMessage()).isEqualTo("systemd[1]: Started foo.service.");
            assertThat(u.lastSeq()).isEqualTo(101L);
            assertThat(u.lastReceivedAtNanos()).isEqualTo(last);
            assertThat(u.silenceNanos()).isEqualTo(Duration.ofMillis(40_001).toNanos());
            assertThat(u.lastReportKind()).isNull();
        }

        @Test
        void anOrderlyRebootExplainsTheRestart() {
            CollectorDriver d = CollectorDriver.extended().line("systemd-shutdown[1]: Rebooting.").line("reboot: Restarting system");
            assertThat(d.restart()).isFalse();
            assertThat(d.restarts).isEmpty();
        }

        @Test
        void aPanicExplainsTheRestartEvenIfItsReportIsUnfinished() {
            CollectorDriver d = CollectorDriver.extended().line("Kernel panic - not syncing: sysrq triggered crash")
                    .line("CPU: 0 PID: 277 Comm: sh Not tainted 6.1.0-57-amd64 #1  Debian 6.1.192-3");
            assertThat(d.restart()).isFalse();
            assertThat(d.only().closeReason()).isEqualTo(CloseReason.RESTART);
            assertThat(d.only().complete()).isFalse();
        }

        @Test
        void aNonFatalOopsDoesNotExplainARestart() {
            CollectorDriver d = CollectorDriver.extended().send(KernelTexts.OOPS_6_1);
            assertThat(d.restart()).isTrue();
            assertThat(d.only().closeReason()).as("it had ended; the restart cut its grace").isEqualTo(CloseReason.END_MARKER);
            assertThat(d.restarts.get(0).lastReportKind()).isEqualTo(CrashKind.OOPS);
            assertThat(d.restarts.get(0).lastReportComplete()).isTrue();
            assertThat(d.collector.lastReportKind()).as("forgotten with the boot").isNull();
        }

        @Test
        void eachBootIsJudgedOnItsOwnLastWords() {
            CollectorDriver d = CollectorDriver.extended().line("reboot: Power down");
            assertThat(d.restart()).isFalse();
            d.line("Linux version 6.1.0-18-amd64");
            assertThat(d.restart()).isTrue();
        }

        @Test
        void aSourceNeverHeardBeforeHasNoLastWords() {
            assertThat(CollectorDriver.extended().restart()).isFalse();
        }

        @Test
        void aLegacySourceWhoseKernelTimeGoesBackHasRestarted() {
            CollectorDriver d = CollectorDriver.legacy().line("NCB-BEFORE-CRASH");
            d.kernelTimeUs = 0;
            d.line("Linux version 7.3.4+deb13-amd64");
            assertThat(d.restarts).hasSize(1);
            assertThat(d.restarts.get(0).lastMessage()).isEqualTo("NCB-BEFORE-CRASH");
            assertThat(d.restarts.get(0).lastSeq()).isNull();
            d.kernelTimeUs -= 900_000;
            d.line("within the tolerance: the same boot");
            assertThat(d.restarts).hasSize(1);
        }
    }
}
