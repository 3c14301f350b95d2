package dev.ncbridge.sink.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ncbridge.config.ConfigException;
import dev.ncbridge.config.ConfigProblem;
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
}
