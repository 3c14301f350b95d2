package dev.ncbridge.dist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ncbridge.app.testing.Repo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The default JVM options live in deploy/jvm.options and nowhere else: both launchers read it, and
 * every other way to start ncbridge (the systemd unit, the image) goes through a launcher. The one
 * exception is the class-data archive: the build lists the classes, bin/ncbridge-cds makes the
 * archive, the launcher maps it.
 */
class JvmOptionsTest {
    /** The only JVM options outside deploy/jvm.options, each in the one place it belongs. */
    private static final Map<Path, List<String>> ARCHIVE_LINES = Map.of(
            Repo.file("dist/src/bin/ncbridge"), List.of("archive=\"-XX:SharedArchiveFile=$home/lib/ncbridge.jsa\""),
            Repo.file("dist/src/build/class-list"), List.of("\"$java\" $(sed -e 's/#.*//' \"$options\") "
                    + "-XX:DumpLoadedClassList=\"$out\" -jar \"$jar\" run -c \"$work/training.yaml\" \\"),
            Repo.file("dist/src/bin/ncbridge-cds"), List.of("-XX:SharedClassListFile=\"$home/lib/ncbridge.classlist\" "
                    + "-XX:SharedArchiveFile=\"$partial\" \\"));

    @Test
    void theLaunchersReadTheOneFile() throws IOException {
        assertThat(Files.readString(Repo.file("ncbridge"))).contains("\"$root/deploy/jvm.options\"");
        assertThat(Files.readString(Repo.file("dist/src/bin/ncbridge"))).contains("\"$home/lib/jvm.options\"");
        assertThat(Files.readString(Repo.file("deploy/jvm.options"))).containsPattern("(?m)^-Xmx\\d+m$")
                .containsPattern("(?m)^-XX:\\+ExitOnOutOfMemoryError$");
    }

    /**
     * Standard output carries the records (the stdout sink), so the options may print nothing
     * there: a JVM prints some options' notices on it (each -XX:CompileCommand, unless "quiet"
     * comes first).
     */
    @Test
    void theOptionsPrintNothingOnStandardOutput() throws Exception {
        assertThat(standardOutputOfJavaWithTheOptions("-version")).as("standard output of java -version").isEmpty();
    }

    /**
     * The state the bridge bounds lives long, so in the old generation, which the young one's
     * maximum takes from the heap: at the defaults, 32 MiB of buffers, 36 MiB for a full source
     * table, up to 20 MiB of the sources' last messages and a sink's 8 MiB queue
     * (docs/operations.md, "Memory"). A young generation of half the heap at most would leave
     * the old one 64 MiB, and a bridge at its bounds would collect in full again and again.
     */
    @Test
    void theOldGenerationCanHoldWhatTheBoundsAllow() throws Exception {
        String flags = standardOutputOfJavaWithTheOptions("-XX:+PrintFlagsFinal", "-version");
        long oldGenerationMax = flag(flags, "MaxHeapSize") - flag(flags, "MaxNewSize");
        assertThat(oldGenerationMax).isGreaterThanOrEqualTo((32 + 36 + 20 + 8) * 1024L * 1024);
    }

    private static String standardOutputOfJavaWithTheOptions(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow()));
        Files.readAllLines(Repo.file("deploy/jvm.options")).stream().map(l -> l.replaceAll("#.*", "").strip())
                .filter(l -> !l.isEmpty()).forEach(command::add);
        command.addAll(List.of(arguments));
        Process java = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(java.waitFor(60, TimeUnit.SECONDS)).as("java %s ended", command).isTrue();
        assertThat(java.exitValue()).as("java accepts the options").isZero();
        return out;
    }

    /** A flag's value in the output of -XX:+PrintFlagsFinal ("size_t MaxHeapSize = 134217728 {...}"). */
    private static long flag(String flags, String name) {
        Matcher m = Pattern.compile("(?m)^\\s*\\S+\\s+" + name + "\\s+=\\s+(\\d+)").matcher(flags);
        assertThat(m.find()).as("%s in -XX:+PrintFlagsFinal", name).isTrue();
        return Long.parseLong(m.group(1));
    }

    /** A compile command naming a method that a change renamed or moved would do nothing, silently. */
    @Test
    void theCompileCommandsNameMethodsThatExist() throws Exception {
        List<String> methods = Files.readAllLines(Repo.file("deploy/jvm.options")).stream()
                .filter(l -> l.startsWith("-XX:CompileCommand=dontinline,")).map(l -> l.substring(l.indexOf(',') + 1))
                .toList();
        assertThat(methods).isNotEmpty();
        for (String m : methods) {
            Class<?> owner = Class.forName(m.substring(0, m.indexOf("::")));
            // A command may give the method's signature, to name one of its overloads (or not its bridge).
            String name = m.substring(m.indexOf("::") + 2).replaceFirst("\\(.*", "");
            assertThat(owner.getDeclaredMethods()).as(m).anyMatch(declared -> declared.getName().equals(name));
        }
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
        // for the class-data archive: the build's training run lists its classes, ncbridge-cds makes
        // it, the launcher maps it.
        assertThat(files).isNotEmpty().allSatisfy(f -> assertThat(Files.readAllLines(f))
                .filteredOn(line -> !line.strip().startsWith("#"))
                .filteredOn(line -> !ARCHIVE_LINES.getOrDefault(f, List.of()).contains(line.strip())).as("%s", f)
                .noneMatch(line -> line.matches(".*(-X(mx|ms|ss)\\d|-XX:[+-]?\\w+).*")));
    }
}
