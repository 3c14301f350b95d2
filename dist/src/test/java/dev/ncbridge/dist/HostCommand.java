package dev.ncbridge.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A command run on this host to its end: its exit code and its output (standard output and error
 * together, in a file, so that a talkative command never blocks on a full pipe).
 */
record HostCommand(List<String> command, int exitCode, String output) {

    static HostCommand run(Duration within, String... command) throws IOException, InterruptedException {
        return run(within, Map.of(), List.of(command));
    }

    /** Runs {@code command} with {@code env} added to this process's environment; killed after {@code within}. */
    static HostCommand run(Duration within, Map<String, String> env, List<String> command)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile("ncbridge-dist-", ".out");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(out.toFile());
            builder.environment().putAll(env);
            Process process = builder.start();
            if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor();
                throw new AssertionError(command + " did not end within " + within + ":\n" + Files.readString(out));
            }
            return new HostCommand(command, process.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /** Fails the test, with the output, unless the command exited 0. */
    HostCommand ok() {
        assertThat(exitCode).as("%s exited with %s:%n%s", command, exitCode, output).isZero();
        return this;
    }

    /** Whether {@code program} is on this process's PATH. */
    static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
