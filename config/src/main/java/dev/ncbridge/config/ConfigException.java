package dev.ncbridge.config;

import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** A configuration that cannot be used, with every problem found in it. */
public final class ConfigException extends RuntimeException {
    private final List<ConfigProblem> problems;

    public ConfigException(List<ConfigProblem> problems) {
        super(problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
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
}
