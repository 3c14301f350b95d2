package dev.ncbridge.dist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ncbridge.app.testing.Repo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The default JVM options live in deploy/jvm.options and nowhere else: both launchers read it, and
 * every other way to start ncbridge (the systemd unit, the image) goes through a launcher. The one
 * exception is the class-data archive, which exists only where the image's build made it.
 */
class JvmOptionsTest {
    /** The only JVM options outside deploy/jvm.options, each in the one place it belongs. */
    private static final Map<Path, List<String>> ARCHIVE_LINES = Map.of(
            Repo.file("dist/src/bin/ncbridge"), List.of("archive=\"-XX:SharedArchiveFile=$home/lib/ncbridge.jsa\""),
            Repo.file("deploy/container/Dockerfile"),
            List.of("NCBRIDGE_JAVA_OPTS=-XX:ArchiveClassesAtExit=/opt/ncbridge/lib/ncbridge.jsa \\"));

    @Test
    void theLaunchersReadTheOneFile() throws IOException {
        assertThat(Files.readString(Repo.file("ncbridge"))).contains("\"$root/deploy/jvm.options\"");
        assertThat(Files.readString(Repo.file("dist/src/bin/ncbridge"))).contains("\"$home/lib/jvm.options\"");
        assertThat(Files.readString(Repo.file("deploy/jvm.options"))).containsPattern("(?m)^-Xmx\\d+m$")
                .containsPattern("(?m)^-XX:\\+ExitOnOutOfMemoryError$");
    }

    @Test
    void noOtherShippedFileSetsJvmOptions() throws IOException {
        List<Path> files = new ArrayList<>(List.of(Repo.file("ncbridge")));
        for (String dir : List.of("deploy", "dist/src")) {
            try (Stream<Path> walk = Files.walk(Repo.file(dir))) {
                walk.filter(Files::isRegularFile).filter(p -> !p.toString().contains("/test/")).forEach(files::add);
            }
        }
        files.remove(Repo.file("deploy/jvm.options"));

        // Comments may name an option (as an example, or to say where it is); a setting may not, but
        // for the class-data archive: the image's training run writes it, the launcher maps it.
        assertThat(files).isNotEmpty().allSatisfy(f -> assertThat(Files.readAllLines(f))
                .filteredOn(line -> !line.strip().startsWith("#"))
                .filteredOn(line -> !ARCHIVE_LINES.getOrDefault(f, List.of()).contains(line.strip())).as("%s", f)
                .noneMatch(line -> line.matches(".*(-X(mx|ms|ss)\\d|-XX:[+-]?\\w+).*")));
    }
}
