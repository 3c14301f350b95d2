package dev.ncbridge.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** What the dist module's package phase built, as failsafe's system properties name it. */
final class Dist {
    private Dist() {
    }

    static Path file(String property) {
        String value = System.getProperty(property);
        assertThat(value).as("system property %s (set by failsafe)", property).isNotNull();
        assertThat(Path.of(value)).as("built by the package phase").exists();
        return Path.of(value);
    }

    /** The release archive unpacked under {@code dir}: its one top directory, ncbridge-VERSION. */
    static Path unpackArchive(Path dir) throws IOException, InterruptedException {
        HostCommand.run(Duration.ofMinutes(1), "tar", "-xzf", file("ncbridge.archive").toString(), "-C",
                dir.toString()).ok();
        try (var top = Files.list(dir)) {
            return top.filter(p -> p.getFileName().toString().startsWith("ncbridge-")).findFirst()
                    .orElseThrow(() -> new AssertionError("no ncbridge-VERSION directory in the archive"));
        }
    }
}
