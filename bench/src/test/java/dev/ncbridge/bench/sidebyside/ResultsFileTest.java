package dev.ncbridge.bench.sidebyside;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResultsFileTest {
    private static String line(String receiver, String sink, int rate, long delivered, double cpuSeconds) {
        return "receiver=" + receiver + " sink=" + sink + " rate=" + rate + " sources=1024 threads=0 workers=0"
                + " sent=1000000 errors=0 elapsed_s=10.000 delivered=" + delivered + " unparsed=0"
                + " kernel_drops=" + (1_000_000 - delivered) + " ring_drops=7 cpu_s=" + cpuSeconds
                + " rss_idle_kb=102400 rss_peak_kb=204800 listen_ms=1500 heap_live_bytes=20971520";
    }

    @Test
    void derivesTheFiguresOfOneRun() {
        RunResult run = RunResult.parse(line("ncbridge", "json", 100000, 999_900, 4.5));

        assertThat(run.receiver()).isEqualTo("ncbridge-json");
        assertThat(run.rateAsked()).isEqualTo(100_000);
        assertThat(run.sentPerSecond()).isEqualTo(100_000.0);
        assertThat(run.deliveredPercent()).isCloseTo(99.99, within(1e-9));
        assertThat(run.cpuMicrosPerMessage()).isCloseTo(4.5e6 / 999_900, within(1e-9));
        assertThat(run.cpuPercentOfCore()).isCloseTo(45.0, within(1e-9));
        assertThat(run.peakRssMiB()).isEqualTo(200.0);
        assertThat(run.idleRssMiB()).isEqualTo(100.0);
        assertThat(run.heapLiveMiB()).isEqualTo(20.0);
    }

    @Test
    void netconsdIsNamedWithoutItsCountingSink() {
        assertThat(RunResult.parse(line("netconsd", "count", 0, 1_000_000, 3.9)).receiver()).isEqualTo("netconsd");
    }

    @Test
    void aLineWithoutAFigureOrWithAWordThatIsNotKeyValueIsRejectedByName() {
        assertThatThrownBy(() -> RunResult.parse(line("ncbridge", "json", 0, 1, 1).replace(" cpu_s=1.0", "")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no cpu_s=");
        assertThatThrownBy(() -> RunResult.parse("receiver=ncbridge oops"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'oops'");
        assertThatThrownBy(() -> RunResult.parse(line("ncbridge", "json", 0, 1, 1).replace("sent=1000000", "sent=x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sent is not a number: x");
    }

    @Test
    void spreadIsMinMedianMaxAndShowsOneValueWhenTheRunsAgree() {
        assertThat(Spread.of(List.of(3.0, 1.0, 2.0))).isEqualTo(new Spread(1.0, 2.0, 3.0));
        assertThat(Spread.of(List.of(4.0, 1.0, 2.0, 3.0))).isEqualTo(new Spread(1.0, 2.5, 4.0));
        assertThat(new Spread(1.0, 2.0, 3.0).format("%.1f")).isEqualTo("1.0 / 2.0 / 3.0");
        assertThat(new Spread(5.0, 5.0, 5.0).format("%.0f")).isEqualTo("5");
    }

    @Test
    void groupsTheRunsOfASettingAndKeepsTheNotes() {
        ResultsFile file = ResultsFile.parse(List.of(
                "# side-by-side 2026-12-02T09:00:00Z load average: 0.10 0.20 0.30",
                line("ncbridge", "json", 100000, 1_000_000, 4.0),
                line("netconsd", "count", 100000, 1_000_000, 3.0),
                "",
                line("ncbridge", "json", 100000, 1_000_000, 6.0),
                line("ncbridge", "json", 100000, 1_000_000, 5.0)));

        assertThat(file.notes()).containsExactly("side-by-side 2026-12-02T09:00:00Z load average: 0.10 0.20 0.30");
        assertThat(file.bySetting()).hasSize(2);
        List<RunResult> json = file.bySetting().get(new ResultsFile.Setting("", "ncbridge-json", 100000, 1024, 0, 0));
        assertThat(ResultsFile.spread(json, RunResult::cpuPercentOfCore)).isEqualTo(new Spread(40.0, 50.0, 60.0));
    }

    @Test
    void labelledRunsAreSettingsOfTheirOwnAndGetASettingColumn() {
        ResultsFile file = ResultsFile.parse(List.of(
                "label=g1 " + line("ncbridge", "json", 200000, 1_000_000, 4.0),
                "label=serial " + line("ncbridge", "json", 200000, 1_000_000, 3.0)));

        assertThat(file.bySetting().keySet()).extracting(ResultsFile.Setting::label).containsExactly("g1", "serial");
        assertThat(SideBySideTable.render(file).lines().filter(l -> l.startsWith("| serial | ncbridge-json | 200k")))
                .hasSize(1);
    }

    @Test
    void theTableHasOneRowPerSettingWithEveryFigureAsMinMedianMax() {
        String table = SideBySideTable.render(ResultsFile.parse(List.of(
                line("ncbridge", "blackhole", 0, 1_000_000, 2.0),
                line("ncbridge", "blackhole", 0, 999_000, 3.0),
                line("ncbridge", "blackhole", 0, 998_000, 4.0))));

        assertThat(table.lines().filter(l -> l.startsWith("| ncbridge-blackhole"))).containsExactly(
                "| ncbridge-blackhole | unpaced | 1,024 | default / default | 3 | 100,000 | 99.80 % / 99.90 % / 100.00 % "
                        + "| 0 / 1,000 / 2,000 | 7 | 20 / 30 / 40 | 2.00 / 3.00 / 4.01 | 200 | 100 | 20.0 | 1500 |");
    }
}
