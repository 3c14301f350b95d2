package dev.ncbridge.app.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ncbridge.app.CommandRun;
import dev.ncbridge.app.ExitCodes;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ncbridge run} when it cannot run. The signal path is tested on a real process (RunProcessIT). */
class RunCommandTest {
    @TempDir
    Path dir;

    private Path write(String yaml) throws IOException {
        Path file = dir.resolve("ncbridge.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    @Test
    void anInvalidConfigurationExitsTwoWithItsProblemsOnStandardError() throws IOException {
        Path file = write("""
                lisen: ["127.0.0.1:6666"]
                sinks:
                  out: {type: stdout, format: xml}
                """);

        CommandRun run = CommandRun.of("run", "-c", file.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_CONFIG).isEqualTo(2);
        assertThat(run.stdout()).isEmpty();
        assertThat(run.stderr()).isEqualTo(
                file + ":1: lisen: unknown key \"lisen\" (did you mean \"listen\"?); known keys: decoder, http, listen, plugins, receive, routes, shutdown,"
                        + " sinks, sources\n"
                + file + ":3: sinks.out.format: unknown encoding 'xml' (expected one of json, text, raw)\n"
                + "ncbridge: not started; the configuration has 2 problems\n");
    }

    @Test
    void originalIsForTheJsonFormatOnly() throws IOException {
        Path file = write("""
                sinks:
                  out: {type: stdout, format: text, original: true}
                """);

        CommandRun run = CommandRun.of("run", "-c", file.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_CONFIG);
        assertThat(run.stderr()).startsWith(file + ":2: sinks.out.original: only the json format has event.original;"
                + " the raw format writes the message as received\n");
    }

    @Test
    void aMissingFileExitsTwo() {
        Path missing = dir.resolve("nope.yaml");

        CommandRun run = CommandRun.of("run", "-c", missing.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE_OR_IO);
        assertThat(run.stdout()).isEmpty();
        assertThat(run.stderr()).isEqualTo(missing + ": no such file\n"
                + "ncbridge: not started; the configuration has 1 problem\n");
    }

    @Test
    void watchConfigWithoutAFileExitsTwoAndSaysWhy() {
        CommandRun run = CommandRun.of("run", "--watch-config");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE_OR_IO);
        assertThat(run.stderr()).isEqualTo("ncbridge: --watch-config needs --config FILE: the built-in configuration"
                + " never changes\n");
    }

    @Test
    void aPortInUseExitsTwoWithCannotStart() throws IOException {
        // A plain socket, without SO_REUSEPORT: the receiver's reuse-port socket cannot share its port.
        try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            assertThat(taken.getReuseAddress()).isFalse();
            int port = taken.getLocalPort();
            Path file = write("listen: [\"127.0.0.1:" + port + "\"]\n"
                    + "receive: {threads: 1}\n"
                    + "http: {enabled: false}\n");

            CommandRun run = CommandRun.of("run", "-c", file.toString());

            assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE_OR_IO);
            assertThat(run.stdout()).isEmpty();
            assertThat(run.stderr()).startsWith("ncbridge: cannot start: ").contains(String.valueOf(port));
            assertThat(run.stderr().lines().filter(l -> l.startsWith("ncbridge: ")))
                    .singleElement().asString().contains("127.0.0.1");
        }
    }

    @Test
    void anHttpPortInUseExitsTwoWithCannotStart() throws IOException {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            Path file = write("listen: [\"127.0.0.1:0\"]\n"
                    + "http: {listen: \"127.0.0.1:" + taken.getLocalPort() + "\"}\n");

            CommandRun run = CommandRun.of("run", "-c", file.toString());

            assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE_OR_IO);
            assertThat(run.stdout()).isEmpty();
            assertThat(run.stderr()).contains("ncbridge: cannot start: ");
        }
    }
}
