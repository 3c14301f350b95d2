package dev.ncbridge.app.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Programs the tests run from the system (promtool, prometheus). */
public final class Executables {
    private Executables() {
    }

    /** {@code name} on the PATH, or null when it is not installed. */
    public static Path find(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
                return Path.of(dir, name);
            }
        }
        return null;
    }
}
