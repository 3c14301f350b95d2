package dev.ncbridge.sink.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.ncbridge.sink.Sink;
import dev.ncbridge.sink.SinkContext;
import dev.ncbridge.sink.encode.RecordEncoder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSinkStartTest {
    @TempDir
    Path dir;

    private static Sink sink(String path) {
        return new FileSinkProvider().create(new SinkContext("f",
                Fixtures.sinkSection("sinks:\n  f: {type: file, path: \"" + path + "\"}\n"),
                RecordEncoder.forName("json"), new SimpleMeterRegistry(), OutputStream.nullOutputStream()));
    }

    @Test
    void createsTheBaseDirectory() throws Exception {
        Sink sink = sink(dir + "/a/b/{host}/kern.log");
        sink.start();
        sink.close();

        assertThat(dir.resolve("a/b")).isDirectory();
        // The write test leaves nothing behind, and nothing is made below the first field.
        try (var left = Files.list(dir.resolve("a/b"))) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void failsNamingTheDirectoryWhenAFileIsInTheWay() throws Exception {
        Files.writeString(dir.resolve("file"), "");
        Sink sink = sink(dir + "/file/logs/{host}.log");

        assertThatThrownBy(sink::start).isInstanceOf(IOException.class)
                .hasMessageContaining("file sink f: cannot write to directory " + dir.resolve("file/logs"))
                .hasMessageContaining("{host}.log");
        sink.close();
    }

    @Test
    void failsNamingTheDirectoryWhenItIsNotWritable() throws Exception {
        boolean root = "root".equals(System.getProperty("user.name"));
        if (root) {
            System.err.println("FileSinkStartTest: skipping the unwritable-directory test: running as root,"
                    + " which may write to any directory");
        }
        assumeFalse(root, "running as root, which may write to any directory");
        Path locked = Files.createDirectory(dir.resolve("locked"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-xr-xr-x"));
        Sink sink = sink(locked + "/{host}.log");

        try {
            assertThatThrownBy(sink::start).isInstanceOf(IOException.class)
                    .hasMessageContaining("cannot write to directory " + locked)
                    .hasMessageContaining("AccessDeniedException");
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwxr-xr-x"));
            sink.close();
        }
    }
}
