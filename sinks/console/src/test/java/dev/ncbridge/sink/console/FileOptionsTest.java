package dev.ncbridge.sink.console;

import static dev.ncbridge.ingest.testing.Records.rawLine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ncbridge.config.ConfigException;
import dev.ncbridge.config.ConfigProblem;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class FileOptionsTest {
    private static ConfigException rejected(String yaml) {
        return (ConfigException) assertThatThrownBy(() -> FileOptions.from(Fixtures.sinkSection(yaml)))
                .isInstanceOf(ConfigException.class).actual();
    }

    @Test
    void defaults() {
        FileOptions o = FileOptions.from(Fixtures.sinkSection("sinks:\n  f: {type: file, path: \"/l/{host}.log\"}\n"));

        assertThat(o.rotation()).isEqualTo(new RotationPolicy(100L << 20, null));
        assertThat(o.keep()).isEqualTo(10);
        assertThat(o.compress()).isEqualTo(Compress.NONE);
        assertThat(o.flush()).isEqualTo(FlushPolicy.BATCH);
        assertThat(o.fsync()).isFalse();
        assertThat(o.maxOpenFiles()).isEqualTo(256);
    }

    @Test
    void readsEveryKey() {
        FileOptions o = FileOptions.from(Fixtures.sinkSection("sinks:\n  f:\n    type: file\n"
                + "    path: /l/{host}.log\n    rotate_size: 1MiB\n    rotate_interval: 1d\n    keep: 3\n"
                + "    compress: gzip\n    flush: always\n    fsync: true\n    max_open_files: 8\n"
                + "    timezone: Europe/Berlin\n"));

        assertThat(o.rotation()).isEqualTo(new RotationPolicy(1L << 20, Duration.ofDays(1)));
        assertThat(o.keep()).isEqualTo(3);
        assertThat(o.compress()).isEqualTo(Compress.GZIP);
        assertThat(o.flush()).isEqualTo(FlushPolicy.ALWAYS);
        assertThat(o.fsync()).isTrue();
        assertThat(o.maxOpenFiles()).isEqualTo(8);
    }

    @Test
    void anUnknownKeyIsNamedWithItsLine() {
        ConfigException e = rejected("sinks:\n  f:\n    type: file\n    path: /l/{host}.log\n    rotate_sise: 5MiB\n");

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("sinks.f.rotate_sise");
            assertThat(p.line()).isEqualTo(5);
            assertThat(p.message()).contains("unknown key \"rotate_sise\"").contains("rotate_size");
        });
    }

    @Test
    void anUnknownTemplateFieldIsReportedAtPath() {
        ConfigException e = rejected("sinks:\n  f:\n    type: file\n    path: \"/l/{hostname}.log\"\n");

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("sinks.f.path");
            assertThat(p.line()).isEqualTo(4);
            assertThat(p.message()).contains("unknown field {hostname}");
        });
        assertThat(e.getMessage()).startsWith("t.yaml:4: sinks.f.path: ");
    }

    @Test
    void thePathsDatePartsAreInTheConfiguredZone() {
        FileOptions o = FileOptions.from(Fixtures.sinkSection("sinks:\n  f: {type: file, path: \"/l/{dd}T{HH}.log\","
                + " timezone: Asia/Kolkata}\n"));

        // 23:15 UTC is 04:45 the next day in India (+05:30).
        assertThat(o.path().render(rawLine("h", "m").source("10.0.0.5").receivedAt("2026-12-31T23:15:00Z").build()))
                .isEqualTo("/l/01T04.log");
    }

    @Test
    void theBaseDirectoryIsTheFixedPartOfThePathUpToItsLastSlash() {
        assertThat(baseDirectory("/var/log/nc/{host}/kern.log")).isEqualTo(Path.of("/var/log/nc"));
        assertThat(baseDirectory("/var/log/nc-{host}.log")).isEqualTo(Path.of("/var/log"));
        assertThat(baseDirectory("/var/log/all.log")).isEqualTo(Path.of("/var/log"));
        assertThat(baseDirectory("/{host}.log")).isEqualTo(Path.of("/"));
        assertThat(baseDirectory("{host}.log")).isEqualTo(Path.of("."));
    }

    @Test
    void aBadPathTemplateIsReportedAtPathInPlainWords() {
        assertThat(rejected("sinks:\n  f:\n    type: file\n    path: \"/l/{host.log\"\n").getMessage())
                .isEqualTo("t.yaml:4: sinks.f.path: the '{' at character 4 is not closed by '}'");
        assertThat(rejected("sinks:\n  f:\n    type: file\n    path: \"/l/{host}/\"\n").getMessage())
                .contains("sinks.f.path: \"/l/{host}/\" names a directory");
    }

    @Test
    void aMissingPathIsReportedAtTheSink() {
        ConfigException e = rejected("sinks:\n  f:\n    type: file\n");

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("sinks.f.path");
            assertThat(p.line()).isEqualTo(2);
            assertThat(p.message()).startsWith("required");
        });
    }

    @Test
    void everyBadValueIsReportedAtOnceAtItsOwnLine() {
        ConfigException e = rejected("sinks:\n  f:\n    type: file\n    path: /l/{host}.log\n"
                + "    keep: -1\n    max_open_files: 0\n    rotate_interval: 0s\n    timezone: Mars/Olympus\n");

        assertThat(e.problems()).extracting(ConfigProblem::path, ConfigProblem::line).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("sinks.f.keep", 5),
                org.assertj.core.groups.Tuple.tuple("sinks.f.max_open_files", 6),
                org.assertj.core.groups.Tuple.tuple("sinks.f.rotate_interval", 7),
                org.assertj.core.groups.Tuple.tuple("sinks.f.timezone", 8));
    }

    @Test
    void aBadEnumValueNamesTheChoices() {
        ConfigException e = rejected("sinks:\n  f:\n    type: file\n    path: /l/{host}.log\n    compress: zstd\n");

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("sinks.f.compress");
            assertThat(p.message()).contains("gzip").contains("none");
        });
    }

    private static Path baseDirectory(String path) {
        return FileOptions.from(Fixtures.sinkSection("sinks:\n  f: {type: file, path: \"" + path + "\"}\n"))
                .baseDirectory();
    }
}
