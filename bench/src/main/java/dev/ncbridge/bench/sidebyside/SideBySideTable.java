package dev.ncbridge.bench.sidebyside;

import static dev.ncbridge.bench.sidebyside.ResultsFile.spread;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Prints the side-by-side table, in markdown, from the result files of {@code bench/side-by-side/run}: one row
 * per setting, every figure as min / median / max over its runs.
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.ncbridge.bench.sidebyside.SideBySideTable RESULTS...</pre>
 */
public final class SideBySideTable {
    private SideBySideTable() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            System.err.println("usage: SideBySideTable RESULTS-FILE...");
            System.exit(2);
        }
        System.out.print(render(ResultsFile.read(Arrays.stream(args).map(Path::of).toList())));
    }

    public static String render(ResultsFile results) {
        StringBuilder out = new StringBuilder();
        for (String note : results.notes()) {
            out.append("- ").append(note).append('\n');
        }
        boolean labelled = results.runs().stream().anyMatch(r -> !r.label().isEmpty());
        out.append('\n')
                .append(labelled ? "| setting " : "")
                .append("| receiver | rate asked | sources | threads / workers | runs | sent msg/s | delivered "
                        + "| kernel drops | ring drops | CPU, % of a core | CPU µs/msg | peak RSS MiB | idle RSS MiB "
                        + "| heap after GC MiB | listening ms |\n")
                .append(labelled ? "|---" : "")
                .append("|---" + "|---:".repeat(14) + "|\n");
        for (Map.Entry<ResultsFile.Setting, List<RunResult>> group : results.bySetting().entrySet()) {
            ResultsFile.Setting s = group.getKey();
            List<RunResult> runs = group.getValue();
            if (labelled) {
                out.append("| ").append(s.label()).append(' ');
            }
            out.append("| ").append(s.receiver())
                    .append(" | ").append(s.rate() == 0 ? "unpaced" : s.rate() / 1000 + "k")
                    .append(" | ").append(String.format("%,d", s.sources()))
                    .append(" | ").append(count(s.threads())).append(" / ").append(count(s.workers()))
                    .append(" | ").append(runs.size())
                    .append(" | ").append(spread(runs, RunResult::sentPerSecond).format("%,.0f"))
                    .append(" | ").append(spread(runs, RunResult::deliveredPercent).format("%.2f %%"))
                    .append(" | ").append(spread(runs, r -> r.number("kernel_drops")).format("%,.0f"))
                    .append(" | ").append(spread(runs, RunResult::ringDrops).format("%,.0f"))
                    .append(" | ").append(spread(runs, RunResult::cpuPercentOfCore).format("%.0f"))
                    .append(" | ").append(spread(runs, RunResult::cpuMicrosPerMessage).format("%.2f"))
                    .append(" | ").append(spread(runs, RunResult::peakRssMiB).format("%.0f"))
                    .append(" | ").append(spread(runs, RunResult::idleRssMiB).format("%.0f"))
                    .append(" | ").append(spread(runs, RunResult::heapLiveMiB).format("%.1f"))
                    .append(" | ").append(spread(runs, r -> r.number("listen_ms")).format("%.0f"))
                    .append(" |\n");
        }
        return out.toString();
    }

    private static String count(long n) {
        return n == 0 ? "default" : Long.toString(n);
    }
}
