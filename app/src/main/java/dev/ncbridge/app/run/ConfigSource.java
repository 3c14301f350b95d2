package dev.ncbridge.app.run;

import dev.ncbridge.config.ConfigException;
import dev.ncbridge.config.ConfigLoader;
import dev.ncbridge.config.ConfigProblem;
import dev.ncbridge.config.NcbridgeConfig;
import dev.ncbridge.config.Substitution;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The configuration a command runs with: the given file, or the built-in default; implicit parts filled in. */
final class ConfigSource {
    private ConfigSource() {
    }

    /**
     * Loads the file. When it has problems, the sinks and routes of what could be loaded are still
     * built, so that every problem in the file is reported at once, not only the first section's.
     */
    static NcbridgeConfig load(Path file) {
        NcbridgeConfig c;
        try {
            c = file == null ? ImplicitDefaults.builtIn() : new ConfigLoader(Substitution.fromSystem()).load(file);
        } catch (ConfigException e) {
            if (e.partial() == null) {
                throw e;
            }
            List<ConfigProblem> all = new ArrayList<>(e.problems());
            try {
                Bridge.check(ImplicitDefaults.apply(e.partial()));
            } catch (ConfigException more) {
                // A key already reported (an unset variable, say) is not reported twice.
                more.problems().stream().filter(p -> e.problems().stream().noneMatch(q -> sameKey(p, q)))
                        .forEach(all::add);
            }
            throw new ConfigException(all);
        }
        return ImplicitDefaults.apply(c);
    }

    private static boolean sameKey(ConfigProblem later, ConfigProblem first) {
        return !first.path().isEmpty() && (later.path().equals(first.path()) || later.path().startsWith(first.path() + ".")
                || later.path().startsWith(first.path() + "["));
    }
}
