package dev.ncbridge.bench.sidebyside;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What the harness wrote: result lines, and comment lines ({@code #}) that say when and under what load
 * a batch of runs was taken.
 */
public record ResultsFile(List<String> notes, List<RunResult> runs) {
    /**
     * The same setting measured again: one label (what the harness's --label named, such as a JVM option set; empty
     * without), one receiver, one rate, one number of sources, threads and workers.
     */
    public record Setting(String label, String receiver, long rate, long sources, long threads, long workers) {
        static Setting of(RunResult run) {
            return new Setting(run.label(), run.receiver(), run.rateAsked(), (long) run.number("sources"),
                    (long) run.number("threads"), (long) run.number("workers"));
        }
    }

    public static ResultsFile read(List<Path> files) throws IOException {
        List<String> lines = new ArrayList<>();
        for (Path file : files) {
            lines.addAll(Files.readAllLines(file));
        }
        return parse(lines);
    }

    public static ResultsFile parse(List<String> lines) {
        List<String> notes = new ArrayList<>();
        List<RunResult> runs = new ArrayList<>();
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            if (line.startsWith("#")) {
                notes.add(line.substring(1).trim());
            } else {
                runs.add(RunResult.parse(line));
            }
        }
        return new ResultsFile(notes, runs);
    }

    /** The runs of each setting, in the order the settings first appear. */
    public Map<Setting, List<RunResult>> bySetting() {
        Map<Setting, List<RunResult>> groups = new LinkedHashMap<>();
        for (RunResult run : runs) {
            groups.computeIfAbsent(Setting.of(run), s -> new ArrayList<>()).add(run);
        }
        return groups;
    }

    /** A figure over the runs of one setting. */
    public static Spread spread(List<RunResult> runs, Function<RunResult, Double> figure) {
        return Spread.of(runs.stream().map(figure).toList());
    }
}
