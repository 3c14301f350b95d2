package dev.ncbridge.app.route;

import dev.ncbridge.config.ConfigException;
import dev.ncbridge.config.ConfigLoader;
import dev.ncbridge.config.ConfigProblem;
import dev.ncbridge.config.ConfigSection;
import dev.ncbridge.config.Substitution;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Routes from YAML text, through the real loader, so problems carry the lines a user would see. */
final class Routes {
    private Routes() {
    }

    static List<ConfigSection> sections(String yaml) {
        return new ConfigLoader(new Substitution(k -> null)).load("t.yaml", yaml).routes();
    }

    /** Compiles {@code yaml} against a collecting target for each name. */
    static Compiled compile(String yaml, String... sinkNames) {
        Map<String, CollectingTarget> sinks = new LinkedHashMap<>();
        for (String name : sinkNames) {
            sinks.put(name, new CollectingTarget());
        }
        return new Compiled(Router.compile(sections(yaml), sinks), sinks);
    }

    /** The problems compiling {@code yaml} against sinks of these names reports; fails if there are none. */
    static List<ConfigProblem> problems(String yaml, String... sinkNames) {
        try {
            compile(yaml, sinkNames);
        } catch (ConfigException e) {
            return e.problems();
        }
        throw new AssertionError("expected problems in:\n" + yaml);
    }

    record Compiled(Router router, Map<String, CollectingTarget> sinks) {
        CollectingTarget sink(String name) {
            return sinks.get(name);
        }
    }
}
