package dev.ncbridge.app.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ncbridge.app.CommandRun;
import dev.ncbridge.app.ExitCodes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of configuration error, through both {@code validate} and {@code run}: both exit 2
 * and print the same problems, each as FILE:LINE: KEY: plain words. So a file that validate
 * passes cannot fail run's checks that need no network, and run never shows a stack trace.
 */
class RunAndValidateAgreeTest {
    @TempDir
    Path dir;

    static Stream<Arguments> errors() {
        return Stream.of(
                error("an unknown key", "recieve: {threads: 2}\n",
                        "1: recieve: unknown key \"recieve\" (did you mean \"receive\"?)"),
                error("an unknown key in a section", "decoder: {fragment_timout: 5s}\n",
                        "1: decoder.fragment_timout: unknown key \"fragment_timout\" (did you mean \"fragment_timeout\"?)"),
                error("a fraction for a whole number", "receive: {threads: 2.5}\n",
                        "1: receive.threads: expected a whole number, not 2.5"),
                error("text for true or false", "http: {enabled: \"true\"}\n",
                        "1: http.enabled: expected true or false, not the text \"true\""),
                error("a number out of range", "decoder: {max_sources: 99999999999}\n",
                        "1: decoder.max_sources: expected a whole number from -2147483648 to 2147483647, not 99999999999"),
                error("a value out of its bounds", "receive: {workers: 0}\n",
                        "1: receive.workers: must be from 1 to 256"),
                error("a zero timeout", "decoder: {fragment_timeout: 0s}\n",
                        "1: decoder.fragment_timeout: must be longer than 0s"),
                error("a socket buffer larger than an int", "receive: {socket_buffer: 8GiB}\n",
                        "1: receive.socket_buffer: must be less than 2GiB"),
                error("a bad duration", "shutdown: {drain_timeout: soon}\n",
                        "1: shutdown.drain_timeout: \"soon\" is not a duration"),
                error("a bad size", "decoder: {max_message: lots}\n",
                        "1: decoder.max_message: \"lots\" is not a size"),
                error("a bad enum value", "receive: {transport: epol}\n",
                        "1: receive.transport: \"epol\" is not one of auto, epoll, nio (did you mean \"epoll\"?)"),
                error("a bad address", "listen: [\"0.0.0.0:99999\"]\n",
                        "1: listen[0]: "),
                error("a host name for the HTTP address", "http: {listen: \"localhost:9666\"}\n",
                        "1: http.listen: \"localhost:9666\": the address must be an IP literal, not a name"),
                error("an unknown sink type", "sinks:\n  out: {type: stdot}\n",
                        "2: sinks.out.type: unknown sink type \"stdot\" (did you mean \"stdout\"?)"),
                error("every bad key of a sink", """
                        sinks:
                          out:
                            type: file
                            path: /tmp/x.log
                            keep: "3"
                            fsync: "no"
                            rotate_size: lots
                            queue_size: 0
                            compres: gzip
                        """,
                        // The runner's keys first, then the sink's own.
                        "8: sinks.out.queue_size: must be at least 1",
                        "5: sinks.out.keep: expected a whole number",
                        "6: sinks.out.fsync: expected true or false, not the text \"no\"",
                        "7: sinks.out.rotate_size: \"lots\" is not a size",
                        "9: sinks.out.compres: unknown key \"compres\" (did you mean \"compress\"?)"),
                error("a route to a missing sink", "sinks:\n  out: {type: stdout}\nroutes:\n  - to: [uot]\n",
                        "4: routes[0].to[0]: no sink named \"uot\" (did you mean \"out\"?)"),
                error("a bad regular expression",
                        "sinks:\n  out: {type: stdout}\nroutes:\n  - match: {message: \"*panic\"}\n    to: [out]\n",
                        "4: routes[0].match.message: \"*panic\" is not a valid regular expression: \"*\" has nothing"
                                + " before it to repeat"),
                // A problem of another file is at that file.
                error("a missing names file", "sources: {names: /nonexistent/names}\n",
                        "/nonexistent/names: cannot read the names file: no such file"),
                error("an unset variable", "sinks:\n  out: {type: file, path: \"${NCBRIDGE_TEST_UNSET}\"}\n",
                        "2: sinks.out.path: environment variable NCBRIDGE_TEST_UNSET is not set"),
                error("a missing secret file", "sinks:\n  out: {type: file, path: \"${file:/nonexistent/secret}\"}\n",
                        "2: sinks.out.path: cannot read ${file:/nonexistent/secret}: no such file"),
                error("a duplicate key", "sinks:\n  out: {type: stdout}\n  out: {type: stdout}\n",
                        "3: sinks.out: duplicate key (first at line 2)"),
                error("broken YAML", "sinks: {\n",
                        "2: not valid YAML: while parsing a flow node: expected the node content, but found '<stream end>'"));
    }

    private static Arguments error(String what, String yaml, String... problems) {
        return Arguments.of(what, yaml, List.of(problems));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void runAndValidateReportTheSameProblemsAndExitTwo(String what, String yaml, List<String> expected) throws IOException {
        Path file = dir.resolve("ncbridge.yaml");
        Files.writeString(file, yaml);

        CommandRun validate = CommandRun.of("validate", "-c", file.toString());
        // Checked before run is: had validate passed, run would start and wait for a signal.
        assertThat(validate.exitCode()).isEqualTo(ExitCodes.BAD_CONFIG);
        List<String> problems = Arrays.asList(validate.stderr().split("\n"));
        assertThat(problems).hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            String where = expected.get(i).startsWith("/") ? "" : file + (expected.get(i).startsWith(":") ? "" : ":");
            assertThat(problems.get(i)).startsWith(where + expected.get(i));
        }
        assertThat(validate.stderr()).doesNotContain("Exception", "\tat ", "java.");

        CommandRun run = CommandRun.of("run", "-c", file.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_CONFIG);
        assertThat(run.stderr()).isEqualTo(validate.stderr() + "ncbridge: not started; the configuration has "
                + problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + "\n");
    }
}
