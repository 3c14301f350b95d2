package dev.ncbridge.sink.console;

import static dev.ncbridge.ingest.testing.Records.rawLine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ncbridge.config.ConfigException;
import dev.ncbridge.sink.BatchResult;
import dev.ncbridge.sink.Sink;
import dev.ncbridge.sink.SinkContext;
import dev.ncbridge.sink.encode.RecordEncoder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class BlackholeSinkTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();

    private Sink sink(String yaml) {
        return new BlackholeSinkProvider().create(new SinkContext("bh", Fixtures.sinkSection(yaml),
                RecordEncoder.forName("json"), registry, stdout));
    }

    private double encodedBytes() {
        return registry.get("ncbridge.sink.blackhole.encoded").tag("sink", "bh").counter().count();
    }

    @Test
    void acknowledgesEveryRecordAndWritesNothing() {
        Sink sink = sink("sinks:\n  f: {type: blackhole}\n");
        BatchResult result = sink.write(List.of(rawLine("a", "one").build(), rawLine("b", "two").build()))
                .toCompletableFuture().join();
        assertThat(result).isEqualTo(BatchResult.ok());
        assertThat(stdout.size()).isZero();
        assertThat(encodedBytes()).isZero();
    }

    @Test
    void encodesWhenAskedAndCountsTheBytes() {
        Sink sink = sink("sinks:\n  f: {type: blackhole, encode: true}\n");
        List<dev.ncbridge.ingest.record.Record> batch = List.of(rawLine("a", "one").build(), rawLine("b", "two")
                .build());
        sink.write(batch).toCompletableFuture().join();
        RecordEncoder json = RecordEncoder.forName("json");
        long expected = batch.stream().mapToLong(r -> json.encode(r).length).sum();
        assertThat(encodedBytes()).isEqualTo((double) expected);
    }

    @Test
    void rejectsAnUnknownKeyAtItsLine() {
        assertThatThrownBy(() -> sink("sinks:\n  f:\n    type: blackhole\n    rate: 10\n"))
                .isInstanceOfSatisfying(ConfigException.class,
                        e -> assertThat(e.problems().get(0).path()).isEqualTo("sinks.f.rate"));
    }
}
