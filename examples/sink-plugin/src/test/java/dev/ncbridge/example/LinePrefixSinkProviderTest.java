package dev.ncbridge.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ncbridge.config.ConfigException;
import dev.ncbridge.config.ConfigLoader;
import dev.ncbridge.config.Substitution;
import dev.ncbridge.ingest.record.Record;
import dev.ncbridge.ingest.testing.Records;
import dev.ncbridge.sink.RunnerSettings;
import dev.ncbridge.sink.Sink;
import dev.ncbridge.sink.SinkContext;
import dev.ncbridge.sink.encode.RecordEncoder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinePrefixSinkProviderTest {
    @Test
    void thePrefixIsATemplateOfTheRecordsFields(@TempDir Path dir) throws Exception {
        assertThat(linesWritten(dir, ", prefix: \"{host} {level}: \"", record("web-42", 3, "disk on fire"),
                record("db-1", 6, "all well"))).containsExactly("web-42 err: disk on fire", "db-1 info: all well");
    }

    @Test
    void withoutAPrefixLinesAreTheRecordsAlone(@TempDir Path dir) throws Exception {
        assertThat(linesWritten(dir, "", record("web-42", 3, "disk on fire"))).containsExactly("disk on fire");
    }

    @Test
    void aBadPrefixIsAConfigurationErrorAtItsLine() {
        assertThatThrownBy(() -> sink("\n    type: example-prefix\n    path: /x\n    prefix: \"{hots} \""))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("t.yaml:5: sinks.p.prefix: unknown field {hots} (did you mean {host}?);");
    }

    /** What a sink with these extra keys writes for {@code records}. */
    private static List<String> linesWritten(Path dir, String keys, Record... records) throws Exception {
        Path file = dir.resolve("out.txt");
        Sink sink = sink("{type: example-prefix, path: \"" + file + "\"" + keys + "}");
        sink.start();
        try {
            sink.write(List.of(records)).toCompletableFuture().get();
        } finally {
            sink.close();
        }
        return Files.readAllLines(file);
    }

    private static Sink sink(String section) {
        return new LinePrefixSinkProvider().create(new SinkContext("p",
                new ConfigLoader(new Substitution(k -> null)).load("t.yaml", "sinks:\n  p: " + section + "\n").sinks()
                        .get("p").without(RunnerSettings.KEYS),
                RecordEncoder.forName("raw"), new SimpleMeterRegistry(), OutputStream.nullOutputStream()));
    }

    private static Record record(String host, int level, String message) {
        return Records.extended().message(message).hostName(host).level(level).facility(0).raw(message.getBytes())
                .build();
    }
}
