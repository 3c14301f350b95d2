package dev.ncbridge.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ncbridge.app.cli.Streams;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NcbridgeCommandTest {

    @Test
    void versionIsTheProjectVersionFromTheBuild() {
        CommandRun run = CommandRun.of("--version");

        assertThat(run.exitCode()).isZero();
        assertThat(run.lines().get(0)).matches("ncbridge \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
    }

    @Test
    void helpListsTheCommands() {
        CommandRun run = CommandRun.of("--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Usage: ncbridge", "decode", "help");
    }

    @Test
    void noCommandIsAUsageErrorThatShowsTheCommands() {
        CommandRun run = CommandRun.of();

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE_OR_IO);
        assertThat(run.stdout()).isEmpty();
        assertThat(run.stderr()).contains("Commands:", "decode");
    }

    @Test
    void anUnknownCommandIsAShortUsageErrorWithASuggestion() {
        CommandRun run = CommandRun.of("decod");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE_OR_IO);
        assertThat(run.stderr()).contains("ncbridge: Unmatched argument", "Did you mean: ncbridge decode?",
                "Try 'ncbridge --help'");
        assertThat(run.stderr()).doesNotContain("Commands:");
    }

    @Test
    void helpCommandShowsACommandsHelp() {
        CommandRun run = CommandRun.of("help", "decode");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Usage: ncbridge decode", "--format", "Exit codes:");
    }

    @Test
    void everyCommandTakesHelp() {
        Set<String> commands = NcbridgeCommand.commandLine(new Streams(InputStream.nullInputStream(),
                new ByteArrayOutputStream(), new ByteArrayOutputStream())).getSubcommands().keySet();
        assertThat(commands).contains("run", "validate", "decode", "send", "ping", "blast");

        for (String command : commands) {
            for (String option : new String[] {"--help", "-h"}) {
                CommandRun run = CommandRun.of(command, option);

                assertThat(run.exitCode()).as(command + " " + option).isZero();
                assertThat(run.out()).as(command + " " + option).contains("Usage: ncbridge " + command);
                assertThat(run.stderr()).as(command + " " + option).isEmpty();
            }
        }
    }
}
