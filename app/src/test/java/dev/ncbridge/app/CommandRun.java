package dev.ncbridge.app;

import dev.ncbridge.app.cli.Streams;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** One run of the {@code ncbridge} command line on in-memory streams, as a test sees it. */
public record CommandRun(int exitCode, byte[] stdout, String stderr) {

    public static CommandRun of(String... args) {
        return withInput(new byte[0], args);
    }

    public static CommandRun withInput(byte[] stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = NcbridgeCommand.commandLine(new Streams(new ByteArrayInputStream(stdin), out, err)).execute(args);
        return new CommandRun(code, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
    }

    public String out() {
        return new String(stdout, StandardCharsets.UTF_8);
    }

    /** Standard output split at newlines; a final newline ends the last line rather than starting one. */
    public List<String> lines() {
        String s = out();
        if (s.isEmpty()) {
            return List.of();
        }
        String body = s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
        return List.of(body.split("\n", -1));
    }
}
