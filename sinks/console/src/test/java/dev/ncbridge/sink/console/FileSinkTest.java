package dev.ncbridge.sink.console;

import static dev.ncbridge.ingest.testing.Records.rawLine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ncbridge.ingest.record.Record;
import dev.ncbridge.ingest.testing.Records;
import dev.ncbridge.sink.BatchResult;
import dev.ncbridge.sink.Sink;
import dev.ncbridge.sink.SinkContext;
import dev.ncbridge.sink.encode.RecordEncoder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file sink, written to through its provider as the bridge does, with the raw encoding: a line is the message. */
class FileSinkTest {
    @TempDir
    Path dir;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MutableClock clock = new MutableClock(Instant.parse(Records.T0_SECOND));
    private Sink sink;

    @AfterEach
    void closeSink() throws Exception {
        if (sink != null) {
            sink.close();
        }
    }

    /** Makes and starts sink {@code f} writing to {@code path} (relative to the temporary directory). */
    private void start(String path, String... keys) throws Exception {
        StringBuilder yaml = new StringBuilder("sinks:\n  f:\n    type: file\n    format: raw\n")
                .append("    path: \"").append(dir).append('/').append(path).append("\"\n");
        for (String key : keys) {
            yaml.append("    ").append(key).append('\n');
        }
        sink = new FileSinkProvider(clock).create(new SinkContext("f", Fixtures.sinkSection(yaml.toString()),
                RecordEncoder.forName("raw"), registry, OutputStream.nullOutputStream()));
        sink.start();
    }

    private BatchResult write(Record... records) {
        return sink.write(List.of(records)).toCompletableFuture().join();
    }

    private void close() throws Exception {
        sink.close();
        sink = null;
    }

    private static Record[] lines(String host, int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(i -> rawLine(host, String.format("%04d", i)).build())
                .toArray(Record[]::new);
    }

    /** Every regular file under the temporary directory, by relative path, with its content. */
    private Map<String, String> files() throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).collect(Collectors.toMap(
                    p -> dir.relativize(p).toString(), p -> p.toString().endsWith(".gz") ? gunzip(p) : read(p)));
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String gunzip(Path p) {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(p))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private double meter(String name) {
        var search = registry.find(name).tag("sink", "f");
        return name.equals("ncbridge.file.open") ? search.gauge().value() : search.counter().count();
    }

    @Test
    void writesOneFilePerHostAndHourFromTheTemplate() throws Exception {
        start("{yyyy}/{MM}/{dd}/{host}-{HH}.log");

        write(rawLine("web-1", "a1").source("10.0.0.1").receivedAt("2026-11-21T10:15:30Z").build(),
                rawLine("web-2", "b1").source("10.0.0.2").receivedAt("2026-11-21T10:15:31Z").build(),
                rawLine("web-1", "a2").source("10.0.0.1").receivedAt("2026-11-21T10:59:59Z").build(),
                rawLine("web-1", "a3").source("10.0.0.1").receivedAt("2026-11-21T23:59:59Z").build(),
                rawLine("web-1", "a4").source("10.0.0.1").receivedAt("2026-11-22T00:00:01Z").build());

        // Read before close: the batch was flushed (flush: batch is the default).
        assertThat(files()).containsOnly(
                Map.entry("2026/11/21/web-1-10.log", "a1\na2\n"),
                Map.entry("2026/11/21/web-2-10.log", "b1\n"),
                Map.entry("2026/11/21/web-1-23.log", "a3\n"),
                Map.entry("2026/11/22/web-1-00.log", "a4\n"));
        assertThat(meter("ncbridge.file.open")).isEqualTo(4);
        assertThat(meter("ncbridge.file.bytes.written")).isEqualTo(15);
    }

    @Test
    void writesOneFilePerCrashNamedByItsHostAndTime() throws Exception {
        start("crashes/{host}-{crash_time}.txt");
        Record oops = Records.crash();
        Record panic = Records.bareCrash();

        write(oops, panic);

        RecordEncoder raw = RecordEncoder.forName("raw");
        assertThat(files()).containsOnly(
                Map.entry("crashes/web-42-2026-12-02T04:46:30.000000Z.txt",
                        new String(raw.encode(oops), StandardCharsets.UTF_8) + "\n"),
                Map.entry("crashes/10.0.0.5-1970-01-01T00:00:00.000000Z.txt",
                        new String(raw.encode(panic), StandardCharsets.UTF_8) + "\n"));
        assertThat(files().get("crashes/web-42-2026-12-02T04:46:30.000000Z.txt"))
                .as("the whole report, one line each").contains("  " + Records.CRASH_TEXT.lines().toList().get(3));
    }

    @Test
    void aHostileHostNameStaysOneFileInsideTheDirectory() throws Exception {
        start("logs/{host}.log");

        write(rawLine("../../etc/passwd", "evil").build(), rawLine("a/../../b", "evil too").build());

        assertThat(files()).containsOnly(
                Map.entry("logs/.__.__etc_passwd.log", "evil\n"),
                Map.entry("logs/a_.__.__b.log", "evil too\n"));
    }

    @Test
    void rotatesBySizeShiftingNumberedFilesAndKeepingOnlyKeep() throws Exception {
        // Left by an earlier run with a larger keep: older than keep, so deleted at the first rotation.
        Files.writeString(dir.resolve("h.log.3"), "stale\n");
        Files.writeString(dir.resolve("h.log.9.gz"), "stale\n");
        // Lines are 5 bytes; 10 bytes hold two, so every third line starts a new file.
        start("{host}.log", "rotate_size: 10", "keep: 2");

        write(lines("h", 1, 4));
        write(lines("h", 5, 7));

        assertThat(files()).containsOnly(
                Map.entry("h.log", "0007\n"),
                Map.entry("h.log.1", "0005\n0006\n"),
                Map.entry("h.log.2", "0003\n0004\n"));
        assertThat(meter("ncbridge.file.rotations")).isEqualTo(3);
        assertThat(meter("ncbridge.file.bytes.written")).isEqualTo(35);
    }

    @Test
    void aLineLongerThanRotateSizeGetsAFileOfItsOwn() throws Exception {
        start("{host}.log", "rotate_size: 10");

        write(rawLine("h", "x".repeat(20)).build(), rawLine("h", "next").build());

        assertThat(files()).containsOnly(Map.entry("h.log.1", "x".repeat(20) + "\n"), Map.entry("h.log", "next\n"));
    }

    @Test
    void keepZeroDeletesRotatedFiles() throws Exception {
        start("{host}.log", "rotate_size: 10", "keep: 0");

        write(lines("h", 1, 5));

        assertThat(files()).containsOnly(Map.entry("h.log", "0005\n"));
    }

    @Test
    void gzipsRotatedFiles() throws Exception {
        start("{host}.log", "rotate_size: 10", "keep: 3", "compress: gzip");

        // Three rotations in one batch: each must wait for the previous file's compression.
        write(lines("h", 1, 7));
        close(); // waits for the compressions still running

        assertThat(files()).containsOnly(
                Map.entry("h.log", "0007\n"),
                Map.entry("h.log.1.gz", "0005\n0006\n"),
                Map.entry("h.log.2.gz", "0003\n0004\n"),
                Map.entry("h.log.3.gz", "0001\n0002\n"));
    }

    @Test
    void rotatesAFileOpenForRotateInterval() throws Exception {
        start("{host}.log", "rotate_interval: 1h");

        write(rawLine("h", "a1").build());
        clock.advance(Duration.ofMinutes(59));
        write(rawLine("h", "a2").build());
        assertThat(files()).containsOnly(Map.entry("h.log", "a1\na2\n"));

        clock.advance(Duration.ofMinutes(1));
        write(rawLine("h", "a3").build());
        assertThat(files()).containsOnly(Map.entry("h.log.1", "a1\na2\n"), Map.entry("h.log", "a3\n"));
    }

    @Test
    void rotateIntervalCountsFromTheFirstOpeningEvenWhenTheFileWasClosedForRoom() throws Exception {
        start("{host}.log", "rotate_interval: 1h", "max_open_files: 1");

        write(rawLine("a", "a1").build());
        clock.advance(Duration.ofMinutes(30));
        write(rawLine("b", "b1").build()); // closes a.log to open b.log
        clock.advance(Duration.ofMinutes(30));
        write(rawLine("a", "a2").build(), rawLine("b", "b2").build());

        assertThat(files()).containsOnly(
                Map.entry("a.log.1", "a1\n"), Map.entry("a.log", "a2\n"), Map.entry("b.log", "b1\nb2\n"));
    }

    @Test
    void keepsAtMostMaxOpenFilesAndLosesNothing() throws Exception {
        start("{host}.log", "max_open_files: 2");

        for (int round = 1; round <= 3; round++) {
            int r = round;
            write(IntStream.range(0, 5).mapToObj(h -> rawLine("h" + h, "round " + r).build()).toArray(Record[]::new));
            assertThat(meter("ncbridge.file.open")).isEqualTo(2);
        }

        assertThat(files()).hasSize(5).allSatisfy((name, content) ->
                assertThat(content).isEqualTo("round 1\nround 2\nround 3\n"));
    }

    @Test
    void rejectsRecordsWhosePathCannotBeAFileAndWritesTheRest() throws Exception {
        Files.createDirectory(dir.resolve("taken.log"));
        start("{host}.log");

        BatchResult result = write(rawLine("ok1", "one").build(), rawLine("x".repeat(300), "name too long").build(),
                rawLine("taken", "a directory is there").build(), rawLine("ok2", "two").build());

        assertThat(result.rejected()).containsOnly(Map.entry(1, "bad_path"), Map.entry(2, "bad_path"));
        assertThat(result.retry()).isEmpty();
        assertThat(files()).containsOnly(Map.entry("ok1.log", "one\n"), Map.entry("ok2.log", "two\n"));
    }

    @Test
    void rejectsARecordWhenAFileIsWhereItsDirectoryShouldBe() throws Exception {
        Files.writeString(dir.resolve("plain"), "not a directory\n");
        start("{host}/kern.log");

        BatchResult result = write(rawLine("plain", "lost").build(), rawLine("web", "kept").build());

        assertThat(result.rejected()).containsOnly(Map.entry(0, "bad_path"));
        assertThat(files()).containsOnly(Map.entry("plain", "not a directory\n"), Map.entry("web/kern.log", "kept\n"));
    }

    @Test
    void aWriteErrorFailsTheBatchAndTheRetryStartsFromAFreshFile() throws Exception {
        // Writing to /dev/full fails with "No space left on device", for root too.
        Path full = dir.resolve("full.log");
        Files.createSymbolicLink(full, Path.of("/dev/full"));
        start("{host}.log");
        Record[] batch = {rawLine("ok", "a").build(), rawLine("full", "b").build()};

        assertThatThrownBy(() -> write(batch))
                .isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(IOException.class)
                .hasMessageContaining("cannot write " + full)
                .hasMessageContaining("No space left on device");
        assertThat(meter("ncbridge.file.open")).isEqualTo(1);

        Files.delete(full);
        assertThat(write(batch).isOk()).isTrue();

        // The failed file's buffer was dropped, so "b" is not written twice; "a" reached ok.log
        // before the failure and is written again by the retry: delivery is at least once.
        assertThat(files()).containsOnly(Map.entry("ok.log", "a\na\n"), Map.entry("full.log", "b\n"));
    }

    @Test
    void flushNoneLeavesLinesBufferedUntilClose() throws Exception {
        start("{host}.log", "flush: none");

        write(rawLine("h", "one").build());
        assertThat(files()).containsOnly(Map.entry("h.log", ""));

        close();
        assertThat(files()).containsOnly(Map.entry("h.log", "one\n"));
    }

    @Test
    void flushAlwaysWithFsyncWritesEveryLine() throws Exception {
        start("{host}.log", "flush: always", "fsync: true");

        write(rawLine("h", "one").build(), rawLine("h", "two").build());

        assertThat(files()).containsOnly(Map.entry("h.log", "one\ntwo\n"));
    }

    @Test
    void appendsToAnExistingFileAndCountsItsSizeForRotation() throws Exception {
        Files.writeString(dir.resolve("h.log"), "0000\n");
        start("{host}.log", "rotate_size: 10");

        write(lines("h", 1, 2));

        assertThat(files()).containsOnly(Map.entry("h.log.1", "0000\n0001\n"), Map.entry("h.log", "0002\n"));
    }

    @Test
    void closeRemovesTheMeters() throws Exception {
        start("{host}.log");
        write(rawLine("h", "one").build());

        close();

        assertThat(registry.find("ncbridge.file.open").gauge()).isNull();
        assertThat(registry.find("ncbridge.file.rotations").counter()).isNull();
        assertThat(registry.find("ncbridge.file.bytes.written").counter()).isNull();
    }
}
