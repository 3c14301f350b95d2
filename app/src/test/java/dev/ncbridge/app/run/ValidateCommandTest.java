package dev.ncbridge.app.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ncbridge.app.CommandRun;
import dev.ncbridge.app.ExitCodes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ncbridge validate}: every problem printed as FILE:LINE: KEY: message, exit 2; a good file exits 0. */
class ValidateCommandTest {
    @TempDir
    Path dir;

    private Path file;

    private CommandRun validate(String yaml) throws IOException {
        file = dir.resolve("ncbridge.yaml");
        Files.writeString(file, yaml);
        return CommandRun.of("validate", "-c", file.toString());
    }

    /** Asserts exit 2, nothing on stdout, and exactly these lines (each after "FILE:") on stderr. */
    private void assertProblems(CommandRun run, String... lines) {
        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_CONFIG);
        assertThat(run.out()).isEmpty();
        StringBuilder expected = new StringBuilder();
        for (String line : lines) {
            expected.append(file).append(':').append(line).append('\n');
        }
        assertThat(run.stderr()).isEqualTo(expected.toString());
    }

    @Test
    void aValidFileCountsItsSinksAndRoutes() throws IOException {
        CommandRun run = validate("""
                listen: ["127.0.0.1:6666"]
                sinks:
                  console: {type: stdout, format: text}
                  files: {type: file, path: "/var/log/netconsole/{host}.log"}
                routes:
                  - match: {level: "<=err"}
                    to: [console]
                    continue: true
                  - to: [files]
                """);

        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).isEqualTo(file + ": valid (2 sinks, 2 routes)\n");
        assertThat(run.stderr()).isEmpty();
    }

    @Test
    void withoutConfigTheBuiltInDefaultIsValidated() {
        CommandRun run = CommandRun.of("validate");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).isEqualTo("built-in /dev/ncbridge/app/default.yaml: valid (1 sink, 1 route)\n");
        assertThat(run.stderr()).isEmpty();
    }

    @Test
    void aFileWithoutSinksOrRoutesGetsTheImplicitOnes() throws IOException {
        CommandRun run = validate("listen: [\"127.0.0.1:6666\"]\n");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).isEqualTo(file + ": valid (1 sink, 1 route)\n");
    }

    @Test
    void unknownTopLevelKey() throws IOException {
        CommandRun run = validate("""
                listen: ["127.0.0.1:6666"]
                lisen: ["127.0.0.1:6667"]
                """);

        assertProblems(run, "2: lisen: unknown key \"lisen\" (did you mean \"listen\"?); known keys: decoder, http, listen, plugins, receive, routes,"
                + " shutdown, sinks, sources");
    }

    @Test
    void unknownKeyInsideASinkNamesTheKeysThatSinkTakes() throws IOException {
        CommandRun run = validate("""
                sinks:
                  out:
                    type: stdout
                    fromat: json
                """);

        // The stdout sink has no keys of its own: the ones every sink takes are the known ones.
        assertProblems(run, "4: sinks.out.fromat: unknown key \"fromat\" (did you mean \"format\"?); known keys: batch,"
                + " dead_letter, format, original, overflow, queue_bytes, queue_size, retry, spool, type");
    }

    @Test
    void unknownSinkTypeListsTheAvailableOnes() throws IOException {
        CommandRun run = validate("""
                sinks:
                  out:
                    type: elastic
                """);

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_CONFIG);
        assertThat(run.out()).isEmpty();
        // The test class path adds a test-only sink type, so the list is checked by its parts.
        assertThat(run.stderr())
                .startsWith(file + ":3: sinks.out.type: unknown sink type \"elastic\"; available: ")
                .contains("file", "stdout")
                .endsWith(" (plugin jars in plugins.dir add more)\n")
                .hasLineCount(1);
    }

    @Test
    void badFormatValue() throws IOException {
        CommandRun run = validate("""
                sinks:
                  out:
                    type: stdout
                    format: xml
                """);

        assertProblems(run, "4: sinks.out.format: unknown encoding 'xml' (expected one of json, text, raw)");
    }

    @Test
    void routeToAMissingSink() throws IOException {
        CommandRun run = validate("""
                sinks:
                  out: {type: stdout}
                routes:
                  - to: [ouy]
                """);

        assertProblems(run, "4: routes[0].to[0]: no sink named \"ouy\" (did you mean \"out\"?); sinks: out");
    }

    @Test
    void badLevelMatcher() throws IOException {
        CommandRun run = validate("""
                sinks:
                  out: {type: stdout}
                routes:
                  - match: {level: "<=loud"}
                    to: [out]
                """);

        assertProblems(run, "4: routes[0].match.level: \"<=loud\" is not a level: write a level name (emerg, alert,"
                + " crit, err, warning, notice, info, debug), a number 0..7, or a comparison such as \"<=err\" or"
                + " \">=4\"");
    }

    @Test
    void missingEnvironmentVariable() throws IOException {
        CommandRun run = validate("""
                sinks:
                  out: {type: file, path: "${NOPE}"}
                """);

        assertProblems(run, "2: sinks.out.path: environment variable NOPE is not set (write ${NOPE:-default} to give"
                + " a default)");
    }

    @Test
    void badDuration() throws IOException {
        CommandRun run = validate("""
                decoder:
                  fragment_timeout: 5 parsecs
                """);

        assertProblems(run, "2: decoder.fragment_timeout: \"5 parsecs\" is not a duration: write a number and a unit"
                + " (ms, s, m, h, d), as 500ms, 1.5s or 1m30s");
    }

    @Test
    void spoolOverflowWithoutASpoolIsRejectedAtItsKey() throws IOException {
        CommandRun run = validate("""
                sinks:
                  out:
                    type: stdout
                    overflow: spool
                """);

        assertProblems(run, "4: sinks.out.overflow: \"spool\" needs the spool key: spool: {dir:"
                + " /var/lib/ncbridge/spool/<sink>}");
    }

    @Test
    void aSpoolWithoutSpoolOverflowIsRejectedAtItsKey() throws IOException {
        CommandRun run = validate("""
                sinks:
                  out:
                    type: stdout
                    spool: {dir: /tmp/spool-a}
                """);

        assertProblems(run, "4: sinks.out.spool: the spool key is only read with overflow: spool");
    }

    @Test
    void aBadSpoolKeyIsNamedWithItsFullPath() throws IOException {
        CommandRun run = validate("""
                sinks:
                  out:
                    type: stdout
                    overflow: spool
                    spool:
                      dir: /tmp/spool-a
                      when_full: explode
                """);

        assertProblems(run, "7: sinks.out.spool.when_full: \"explode\" is not one of block, drop_oldest,"
                + " drop_newest");
    }

    @Test
    void twoSinksCannotShareASpool() throws IOException {
        CommandRun run = validate("""
                sinks:
                  a:
                    type: stdout
                    overflow: spool
                    spool: {dir: /tmp/spool-a}
                  b:
                    type: stdout
                    overflow: spool
                    spool:
                      dir: /tmp/../tmp/spool-a
                """);

        assertProblems(run, "10: sinks.b.spool.dir: sink \"a\" spools to the same directory; each sink needs its own");
    }

    @Test
    void deadLetterToAMissingSink() throws IOException {
        CommandRun run = validate("""
                sinks:
                  out:
                    type: stdout
                    dead_letter: nowhere
                """);

        assertProblems(run, "4: sinks.out.dead_letter: no sink named \"nowhere\"");
    }

    @Test
    void problemsInSeveralSectionsAreAllPrinted() throws IOException {
        CommandRun run = validate("""
                lisen: ["127.0.0.1:6666"]
                decoder:
                  legacy_flush: soon
                sinks:
                  out:
                    type: stdout
                    format: xml
                  spare:
                    type: stdout
                    dead_letter: nowhere
                routes:
                  - match: {level: "<=loud"}
                    to: [out]
                  - to: [missing]
                """);

        assertProblems(run,
                "1: lisen: unknown key \"lisen\" (did you mean \"listen\"?); known keys: decoder, http, listen, plugins, receive, routes, shutdown, sinks,"
                        + " sources",
                "3: decoder.legacy_flush: \"soon\" is not a duration: write a number and a unit (ms, s, m, h, d), as"
                        + " 500ms, 1.5s or 1m30s",
                "7: sinks.out.format: unknown encoding 'xml' (expected one of json, text, raw)",
                "10: sinks.spare.dead_letter: no sink named \"nowhere\"",
                "12: routes[0].match.level: \"<=loud\" is not a level: write a level name (emerg, alert, crit, err,"
                        + " warning, notice, info, debug), a number 0..7, or a comparison such as \"<=err\" or \">=4\"",
                "14: routes[1].to[0]: no sink named \"missing\"; sinks: out, spare");
    }

    @Test
    void anUnsetVariableIsReportedOnceEvenWhenOtherSectionsFail() throws IOException {
        CommandRun run = validate("""
                decoder: {legacy_flush: soon}
                sinks:
                  out: {type: file, path: "${NOPE}"}
                """);

        assertProblems(run,
                "3: sinks.out.path: environment variable NOPE is not set (write ${NOPE:-default} to give a default)",
                "1: decoder.legacy_flush: \"soon\" is not a duration: write a number and a unit (ms, s, m, h, d), as"
                        + " 500ms, 1.5s or 1m30s");
    }

    @Test
    void aMissingFileIsReported() {
        Path missing = dir.resolve("nope.yaml");

        CommandRun run = CommandRun.of("validate", "-c", missing.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_CONFIG);
        assertThat(run.out()).isEmpty();
        assertThat(run.stderr()).isEqualTo(missing + ": no such file\n");
    }
}
