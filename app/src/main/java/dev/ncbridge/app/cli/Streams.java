package dev.ncbridge.app.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A command's standard input, output and error. Commands take them from here rather than from
 * {@link System}, so a test can run a command on byte arrays and read what it printed.
 */
public record Streams(InputStream in, OutputStream out, OutputStream err) {

    public Streams {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
    }

    /**
     * The process's own streams. Output goes to the raw file descriptors: {@code System.out} is
     * a PrintStream, which swallows write errors, and a full disk or a closed pipe must not go
     * unnoticed. Input stays {@code System.in}, whose buffer also keeps Java 17's
     * {@code FileInputStream.readNBytes} from trying to seek on a pipe.
     */
    public static Streams system() {
        return new Streams(System.in, new FileOutputStream(FileDescriptor.out), new FileOutputStream(FileDescriptor.err));
    }

    /** Text on standard output (help, version), UTF-8, flushed at each line. */
    public PrintWriter outWriter() {
        return writer(out);
    }

    /** Text on standard error (messages, usage errors), UTF-8, flushed at each line. */
    public PrintWriter errWriter() {
        return writer(err);
    }

    private static PrintWriter writer(OutputStream stream) {
        return new PrintWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), true);
    }
}
