package dev.ncbridge.app.run;

import dev.ncbridge.config.ConfigLoader;
import dev.ncbridge.config.NcbridgeConfig;
import dev.ncbridge.config.Substitution;
import java.nio.file.Path;

/** The configuration a command runs with: the given file, or the built-in default; implicit parts filled in. */
final class ConfigSource {
    private ConfigSource() {
    }

    static NcbridgeConfig load(Path file) {
        NcbridgeConfig c = file == null ? ImplicitDefaults.builtIn()
                : new ConfigLoader(Substitution.fromSystem()).load(file);
        return ImplicitDefaults.apply(c);
    }
}
