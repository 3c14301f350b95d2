package dev.ncbridge.app.run;

import dev.ncbridge.config.ConfigException;
import dev.ncbridge.config.ConfigProblem;
import dev.ncbridge.config.ConfigSection;
import dev.ncbridge.config.Suggestions;
import dev.ncbridge.sink.ContextClassLoader;
import dev.ncbridge.sink.RejectHandler;
import dev.ncbridge.sink.RunnerSettings;
import dev.ncbridge.sink.Sink;
import dev.ncbridge.sink.SinkContext;
import dev.ncbridge.sink.SinkProvider;
import dev.ncbridge.sink.SinkRunner;
import dev.ncbridge.sink.encode.JsonRecordEncoder;
import dev.ncbridge.sink.encode.RecordEncoder;
import dev.ncbridge.sink.spool.SpoolSettings;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Makes the configured sinks, each inside its runner. Sink types come from every
 * {@link SinkProvider} on the class path and in the plugin jars (the built-in sinks are found
 * the same way), then from the {@link BundledSinks}, loaded when a configuration names them.
 * Problems in all sinks are collected, so {@code validate} shows them together.
 */
final class SinkFactory {
    /** The encoding a sink's own keys are checked with when the runner's keys have problems. */
    private static final String DEFAULT_FORMAT = "json";
    private final Map<String, SinkProvider> providers = new TreeMap<>();
    private final BundledSinks bundled;

    SinkFactory(ClassLoader loader, BundledSinks bundled) {
        this.bundled = bundled;
        for (SinkProvider p : ServiceLoader.load(SinkProvider.class, loader)) {
            SinkProvider clash = providers.putIfAbsent(p.type(), p);
            if (clash != null && clash.getClass() != p.getClass()) {
                throw new IllegalStateException("two sink providers for type \"" + p.type() + "\": "
                        + clash.getClass().getName() + " and " + p.getClass().getName());
            }
        }
    }

    /**
     * Builds every sink without starting any.
     *
     * @param deadLetters receives the records a sink gives up on, to pass to its dead-letter sink
     */
    Map<String, SinkRunner> build(Map<String, ConfigSection> sections, MeterRegistry registry, OutputStream stdout,
                                  RejectHandler deadLetters) {
        List<ConfigProblem> problems = new ArrayList<>();
        Map<String, SinkRunner> runners = new LinkedHashMap<>();
        for (Map.Entry<String, ConfigSection> e : sections.entrySet()) {
            try {
                runners.put(e.getKey(), build(e.getKey(), e.getValue(), registry, stdout, deadLetters));
            } catch (ConfigException ex) {
                problems.addAll(ex.problems());
            }
        }
        checkDeadLetters(sections, runners, problems);
        checkSpoolDirectories(sections, runners, problems);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return runners;
    }

    /** Builds one sink of a checked configuration (a reload adds or replaces it), not started. */
    SinkRunner build(String name, ConfigSection section, MeterRegistry registry, OutputStream stdout,
                             RejectHandler deadLetters) {
        SinkProvider provider = provider(section);
        Set<String> runnerKeys = provider.ownsFormatKey() ? RunnerSettings.KEYS_WITHOUT_FORMAT : RunnerSettings.KEYS;
        // The runner's keys and the sink's own are checked both, so that all their problems show at once.
        List<ConfigProblem> problems = new ArrayList<>();
        RunnerSettings settings = ConfigException.collect(problems,
                () -> section.only(runnerKeys).bind(RunnerSettings.class), null);
        RecordEncoder encoder = ConfigException.collect(problems, () -> encoder(section, settings),
                RecordEncoder.forName(DEFAULT_FORMAT));
        Sink sink = ConfigException.collect(problems, () -> ContextClassLoader.of(provider,
                () -> provider.create(new SinkContext(name, section.without(runnerKeys), encoder, registry, stdout))),
                null);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new SinkRunner(name, sink, settings, registry, deadLetters);
    }

    /** The provider of the section's type: from the class path and plugins, else a bundled sink's jar. */
    private SinkProvider provider(ConfigSection section) {
        String type = section.node().path("type").asText();
        SinkProvider provider = providers.get(type);
        if (provider != null) {
            return provider;
        }
        try {
            provider = bundled.provider(type);
        } catch (IllegalStateException e) {
            throw new ConfigException(section.problem("type", e.getMessage()));
        }
        if (provider == null) {
            Set<String> known = new TreeSet<>(providers.keySet());
            known.addAll(bundled.types());
            throw new ConfigException(section.problem("type", "unknown sink type \"" + type + "\""
                    + Suggestions.didYouMean(type, known) + "; available: "
                    + String.join(", ", known) + " (plugin jars in plugins.dir add more)"));
        }
        return provider;
    }

    private static RecordEncoder encoder(ConfigSection section, RunnerSettings settings) {
        RecordEncoder encoder;
        try {
            encoder = RecordEncoder.forName(settings == null ? DEFAULT_FORMAT : settings.format());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(section.problem("format", e.getMessage()));
        }
        if (settings == null || !settings.original()) {
            return encoder;
        }
        if (!(encoder instanceof JsonRecordEncoder)) {
            throw new ConfigException(section.problem("original", "only the json format has event.original;"
                    + " the raw format writes the message as received"));
        }
        return new JsonRecordEncoder(true);
    }

    /** Two sinks sharing a spool would read each other's records: each needs its own directory. */
    private static void checkSpoolDirectories(Map<String, ConfigSection> sections, Map<String, SinkRunner> runners,
                                              List<ConfigProblem> problems) {
        Map<Path, String> owners = new HashMap<>();
        for (SinkRunner runner : runners.values()) {
            SpoolSettings spool = runner.settings().spool();
            if (spool == null) {
                continue;
            }
            String owner = owners.putIfAbsent(Path.of(spool.dir()).toAbsolutePath().normalize(), runner.name());
            if (owner != null) {
                problems.add(sections.get(runner.name()).child("spool").problem("dir",
                        "sink \"" + owner + "\" spools to the same directory; each sink needs its own"));
            }
        }
    }

    /** A dead-letter sink must exist, and must not pass its own failures further (no chains, no loops). */
    private static void checkDeadLetters(Map<String, ConfigSection> sections, Map<String, SinkRunner> runners,
                                         List<ConfigProblem> problems) {
        for (SinkRunner runner : runners.values()) {
            String target = runner.settings().deadLetter();
            if (target == null) {
                continue;
            }
            ConfigSection section = sections.get(runner.name());
            if (!sections.containsKey(target)) {
                problems.add(section.problem("dead_letter", "no sink named \"" + target + "\""
                        + Suggestions.didYouMean(target, sections.keySet())));
            } else if (target.equals(runner.name())) {
                problems.add(section.problem("dead_letter", "a sink cannot be its own dead-letter sink"));
            } else if (runners.containsKey(target) && runners.get(target).settings().deadLetter() != null) {
                problems.add(section.problem("dead_letter", "\"" + target
                        + "\" has a dead_letter of its own; a dead-letter sink must not"));
            }
        }
    }
}
