package dev.ncbridge.ingest.crash;

import dev.ncbridge.ingest.memory.ByteBudget;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Whatever a source sends (pieces of real reports in any order, noise, pauses, restarts), the
 * collector never throws, holds no more than its bounds, and gives back all it reserved.
 */
class CrashProperties {
    private static final CrashLimits SMALL = new CrashLimits(Duration.ofSeconds(2), Duration.ofSeconds(10),
            Duration.ofSeconds(1), 20, 2048);
    private static final List<String> REPORT_LINES = Stream.of(KernelTexts.OOPS_6_1, KernelTexts.OOPS_6_12,
                    KernelTexts.GPF_5_10, KernelTexts.WARNING_4_8, KernelTexts.OOPS_ARM64_6_6, KernelTexts.SOFT_LOCKUP_6_1,
                    KernelTexts.HUNG_TASK_6_1, KernelTexts.RCU_STALL_6_1, KernelTexts.OOM_6_1)
            .flatMap(String::lines).distinct().collect(Collectors.toList());

    /** One thing that happens to the source: a message, a pause of some milliseconds, or a restart. */
    record Step(String message, int pauseMillis, boolean restart) {
    }

    @Property(tries = 300)
    void boundsHoldAndMemoryComesBack(@ForAll("steps") List<Step> steps) {
        ByteBudget memory = new ByteBudget("crash_reports", 3000);
        CollectorDriver d = CollectorDriver.extended(SMALL, memory);
        for (Step step : steps) {
            if (step.restart()) {
                d.restart();
            } else if (step.message() == null) {
                d.idle(step.pauseMillis());
            } else {
                d.line(step.message());
            }
            assertThat(d.collector.heldBytes()).isLessThanOrEqualTo(SMALL.maxBytes()).isEqualTo(memory.used());
        }
        d.collector.flush(d);
        assertThat(memory.used()).isZero();
        assertThat(d.collector.isCollecting()).isFalse();
        assertThat(d.reports).allSatisfy(r -> {
            assertThat(r.title()).isNotEmpty();
            assertThat(r.text().lines().count()).isBetween(1L, (long) SMALL.maxLines());
        });
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Step> reportLine = Arbitraries.of(REPORT_LINES).map(l -> new Step(l, 0, false));
        Arbitrary<Step> noise = Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(120)
                .map(l -> new Step(l, 0, false));
        Arbitrary<Step> longLine = Arbitraries.of(REPORT_LINES).map(l -> new Step(l + " " + "x".repeat(900), 0, false));
        Arbitrary<Step> pause = Arbitraries.integers().between(1, 15_000).map(ms -> new Step(null, ms, false));
        Arbitrary<Step> restart = Arbitraries.just(new Step(null, 0, true));
        return Arbitraries.frequencyOf(
                Tuple.of(12, reportLine),
                Tuple.of(3, noise),
                Tuple.of(1, longLine),
                Tuple.of(1, pause),
                Tuple.of(1, restart))
                .list().ofMaxSize(200);
    }
}
