package dev.ncbridge.config;

import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** A configuration that cannot be used, with every problem found in it. */
public final class ConfigException extends RuntimeException {
    private final List<ConfigProblem> problems;
    private final transient NcbridgeConfig partial;

    public ConfigException(List<ConfigProblem> problems) {
        this(problems, null);
    }

    /**
     * @param partial the configuration with the parts that had problems left at their defaults, so
     *     that later checks (sinks, routes) can still report theirs; null when there is none
     */
    public ConfigException(List<ConfigProblem> problems, NcbridgeConfig partial) {
        super(problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
        this.partial = partial;
    }

    public ConfigException(ConfigProblem problem) {
        this(List.of(problem));
    }

    /**
     * Runs one step of a check that should report every problem, not only the first: the step's
     * problems are added to {@code problems} and {@code fallback} stands in for its result.
     */
    public static <T> T collect(List<ConfigProblem> problems, Supplier<T> step, T fallback) {
        try {
            return step.get();
        } catch (ConfigException e) {
            problems.addAll(e.problems());
            return fallback;
        }
    }

    public List<ConfigProblem> problems() {
        return problems;
    }

    /** What could be loaded despite the problems, for checking the rest; null when nothing could. */
    public NcbridgeConfig partial() {
        return partial;
    }
}
