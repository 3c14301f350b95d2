package dev.ncbridge.sink.console;

import static dev.ncbridge.ingest.testing.Records.rawLine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ncbridge.config.ConfigException;
import dev.ncbridge.ingest.record.Record;
import dev.ncbridge.sink.BatchResult;
import dev.ncbridge.sink.Sink;
import dev.ncbridge.sink.SinkContext;
import dev.ncbridge.sink.encode.RecordEncoder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class StdoutSinkTest {
    private static final String CONFIG = "sinks:\n  f: {type: stdout, format: json}\n";

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private Sink sink(String encoding, OutputStream stdout) {
        return new StdoutSinkProvider().create(new SinkContext("f", Fixtures.sinkSection(CONFIG),
                RecordEncoder.forName(encoding), new SimpleMeterRegistry(), stdout));
    }

    private static String lines(RecordEncoder encoder, List<Record> records) {
        StringBuilder sb = new StringBuilder();
        records.forEach(r -> sb.append(new String(encoder.encode(r), StandardCharsets.UTF_8)).append('\n'));
        return sb.toString();
    }

    @Test
    void writesOneJsonLinePerRecordInOrderAcrossBatches() {
        Sink sink = sink("json", out);
        List<Record> first = List.of(rawLine("a", "one").build(), rawLine("b", "two").build());
        List<Record> second = List.of(rawLine("a", "three").build());

        assertThat(sink.write(first).toCompletableFuture().join()).isSameAs(BatchResult.ok());
        assertThat(sink.write(second).toCompletableFuture().join()).isSameAs(BatchResult.ok());

        String written = out.toString(StandardCharsets.UTF_8);
        assertThat(written).isEqualTo(lines(RecordEncoder.forName("json"), List.of(first.get(0), first.get(1),
                second.get(0))));
        assertThat(written.lines()).hasSize(3).allSatisfy(l -> assertThat(l).startsWith("{\"@timestamp\":"));
        assertThat(written.lines().map(l -> l.replaceAll(".*\"message\":\"([^\"]*)\".*", "$1")))
                .containsExactly("one", "two", "three");
    }

    @Test
    void writesTheTextEncodingWhenConfigured() {
        Sink sink = sink("text", out);
        List<Record> batch = List.of(rawLine("web-42", "link is up").build(), rawLine("web-43", "link is down")
                .build());

        sink.write(batch).toCompletableFuture().join();

        String written = out.toString(StandardCharsets.UTF_8);
        assertThat(written).isEqualTo(lines(RecordEncoder.forName("text"), batch));
        assertThat(written.lines()).hasSize(2);
        assertThat(written.lines().toList().get(0)).contains("web-42").contains("link is up").doesNotStartWith("{");
    }

    @Test
    void flushesStandardOutputAtTheEndOfEachBatch() {
        // Like System.out, a buffered stream: without a flush nothing would reach `out` yet.
        Sink sink = sink("json", new BufferedOutputStream(out, 1 << 20));

        sink.write(List.of(rawLine("a", "one").build())).toCompletableFuture().join();

        assertThat(out.toString(StandardCharsets.UTF_8)).endsWith("\n").contains("\"message\":\"one\"");
    }

    @Test
    void handsOverBigBatchesInWholeLines() {
        // Counts what arrives per write call: every chunk must end at a line end.
        List<String> chunks = new java.util.ArrayList<>();
        OutputStream recording = new OutputStream() {
            @Override
            public void write(int b) {
                throw new AssertionError("single bytes are never written");
            }

            @Override
            public void write(byte[] b, int off, int len) {
                chunks.add(new String(b, off, len, StandardCharsets.UTF_8));
            }
        };
        Sink sink = sink("raw", recording);
        List<Record> batch = java.util.stream.IntStream.range(0, 2000)
                .<Record>mapToObj(i -> rawLine("h", "message number " + i + " " + "x".repeat(50)).build()).toList();

        sink.write(batch).toCompletableFuture().join();

        assertThat(chunks).hasSizeGreaterThan(1).allSatisfy(c -> assertThat(c).endsWith("\n"));
        assertThat(String.join("", chunks).lines()).hasSize(2000).first().asString().startsWith("message number 0 ");
    }

    @Test
    void aWriteErrorFailsTheBatchAndTheRetryWritesEachLineOnce() {
        FailingOnce stdout = new FailingOnce(out);
        Sink sink = sink("raw", stdout);
        List<Record> batch = List.of(rawLine("a", "one").build(), rawLine("a", "two").build());

        assertThatThrownBy(() -> sink.write(batch).toCompletableFuture().join())
                .isInstanceOf(CompletionException.class)
                .hasRootCauseMessage("disk full")
                .cause().hasMessageContaining("cannot write to standard output");
        sink.write(batch).toCompletableFuture().join();

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("one\ntwo\n");
    }

    @Test
    void aPrintStreamThatSwallowedAnErrorFailsTheBatch() {
        // System.out never throws: it only remembers the error. The sink must still see it.
        PrintStream broken = new PrintStream(new FailingOnce(out), false, StandardCharsets.UTF_8);
        Sink sink = sink("raw", broken);

        assertThatThrownBy(() -> sink.write(List.of(rawLine("a", "one").build())).toCompletableFuture().join())
                .hasCauseInstanceOf(IOException.class)
                .hasMessageContaining("the stream reports an error");
    }

    @Test
    void rejectsAnUnknownKeyAtItsLine() {
        String yaml = "sinks:\n  f:\n    type: stdout\n    colour: true\n";

        assertThatThrownBy(() -> new StdoutSinkProvider().create(new SinkContext("f", Fixtures.sinkSection(yaml),
                RecordEncoder.forName("json"), new SimpleMeterRegistry(), out)))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.problems()).hasSize(1);
                    assertThat(e.problems().get(0).path()).isEqualTo("sinks.f.colour");
                    assertThat(e.problems().get(0).line()).isEqualTo(4);
                    assertThat(e.getMessage()).contains("t.yaml:4").contains("unknown key \"colour\"");
                });
    }

    /** Fails its first write as a full disk would, then passes writes through. */
    private static final class FailingOnce extends OutputStream {
        private final OutputStream target;
        private boolean failed;

        FailingOnce(OutputStream target) {
            this.target = target;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (!failed) {
                failed = true;
                throw new IOException("disk full");
            }
            target.write(b, off, len);
        }
    }
}
