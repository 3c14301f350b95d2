package dev.ncbridge.app.route;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ncbridge.app.testing.DecodedCrashes;
import dev.ncbridge.config.ConfigProblem;
import dev.ncbridge.ingest.crash.CrashKind;
import dev.ncbridge.ingest.record.CrashRecord;
import dev.ncbridge.ingest.record.KernelMessage;
import dev.ncbridge.ingest.record.Record;
import dev.ncbridge.ingest.testing.KernelCaptures;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Routing crash records: {@code kind: crash} and {@code crash_kind}. */
class CrashRoutesTest {
    private static final List<Record> RECORDS = DecodedCrashes.records(KernelCaptures.DEBIAN12_SYSRQ);
    private static final CrashRecord PANIC = (CrashRecord) RECORDS.stream().filter(r -> r instanceof CrashRecord)
            .findFirst().orElseThrow();
    private static final Record LINE = RECORDS.stream().filter(r -> r instanceof KernelMessage).findFirst().orElseThrow();

    private static boolean matches(String match, Record r) {
        Routes.Compiled c = Routes.compile("routes:\n  - match: " + match + "\n    to: [hit]\n", "hit");
        c.router().route(r);
        return !c.sink("hit").received().isEmpty();
    }

    @Test
    void kindCrashTakesCrashRecordsOnly() {
        assertThat(PANIC.report().kind()).isEqualTo(CrashKind.PANIC);
        assertThat(matches("{kind: crash}", PANIC)).isTrue();
        assertThat(matches("{kind: crash}", LINE)).isFalse();
        assertThat(matches("{kind: message}", PANIC)).isFalse();
        assertThat(matches("{kind: [message, crash]}", PANIC)).isTrue();
    }

    @Test
    void crashKindTakesTheKindsNamed() {
        assertThat(matches("{crash_kind: panic}", PANIC)).isTrue();
        assertThat(matches("{crash_kind: [oops, panic]}", PANIC)).isTrue();
        assertThat(matches("{crash_kind: oops}", PANIC)).isFalse();
        assertThat(matches("{crash_kind: panic}", LINE)).isFalse();
    }

    @Test
    void otherMatchersReadACrashRecordsTitleAndHost() {
        assertThat(matches("{message: \"^Kernel panic\"}", PANIC)).isTrue();
        assertThat(matches("{host: 192.0.2.10, kind: crash}", PANIC)).isTrue();
        assertThat(matches("{level: \"<=err\"}", PANIC)).as("a crash record has no level").isFalse();
    }

    @Test
    void badCrashKindsAreNamedWithTheKnownOnes() {
        List<ConfigProblem> p = Routes.problems("""
                routes:
                  - match: {crash_kind: opps}
                    to: [hit]
                  - match: {kind: message, crash_kind: oops}
                    to: [hit]
                """, "hit");
        assertThat(p).extracting(ConfigProblem::toString).containsExactly(
                "t.yaml:2: routes[0].match.crash_kind: \"opps\" is not a crash kind; crash kinds: oops, panic, warning,"
                        + " bug, soft_lockup, hard_lockup, hung_task, rcu_stall, oom_kill",
                "t.yaml:4: routes[1].match.crash_kind: only crash records have a crash kind, but \"kind\" leaves crash"
                        + " records out");
    }
}
