package dev.ncbridge.sink.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ncbridge.config.DataSize;
import dev.ncbridge.ingest.record.Extended;
import dev.ncbridge.ingest.record.Record;
import dev.ncbridge.ingest.testing.Records;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolTest {
    @TempDir
    Path dir;
    private SimpleMeterRegistry registry = new SimpleMeterRegistry();

    static Record record(long seq) {
        return Records.extended().receivedAtNanos(1_000 + seq).message("spooled message number " + seq)
                .source(new InetSocketAddress("10.0.0.1", 6665)).seq(seq).build();
    }

    private Spool open(String maxSize) throws IOException {
        registry = new SimpleMeterRegistry();
        return Spool.open(new SpoolSettings(dir.toString(), DataSize.parse(maxSize), null, null, null),
                new SpoolMetrics(registry, "s"));
    }

    private static void append(Spool spool, long from, long to) throws IOException {
        for (long seq = from; seq <= to; seq++) {
            assertThat(spool.append(record(seq))).isTrue();
        }
        spool.commit();
    }

    private static List<Long> readAll(Spool spool) throws IOException {
        List<Long> seqs = new ArrayList<>();
        for (List<Record> batch = spool.read(100, Long.MAX_VALUE); !batch.isEmpty();
             batch = spool.read(100, Long.MAX_VALUE)) {
            batch.forEach(r -> seqs.add(Extended.of(r).seq()));
        }
        return seqs;
    }

    private double counter(String name) {
        return registry.get(name).counter().count();
    }

    private List<Path> segments() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".seg")).sorted().toList();
        }
    }

    @Test
    void recordsLeaveOnlyWhenAcknowledgedAndTheRestComeBackInOrder() throws IOException {
        try (Spool spool = open("1GiB")) {
            append(spool, 1, 100);
            assertThat(spool.read(30, Long.MAX_VALUE)).extracting(r -> Extended.of(r).seq())
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, 30).boxed().toList());
            spool.ack();
            assertThat(spool.read(20, Long.MAX_VALUE)).hasSize(20); // read, never acknowledged
            assertThat(spool.records()).isEqualTo(70);
        }
        try (Spool spool = open("1GiB")) {
            assertThat(counter("ncbridge.sink.spool.replayed")).isEqualTo(70);
            assertThat(spool.records()).isEqualTo(70);
            append(spool, 101, 110);
            assertThat(readAll(spool)).containsExactlyElementsOf(LongStream.rangeClosed(31, 110).boxed().toList());
            spool.ack();
            assertThat(spool.isEmpty()).isTrue();
        }
        try (Spool spool = open("1GiB")) {
            assertThat(spool.records()).isZero();
            assertThat(spool.hasUnread()).isFalse();
        }
    }

    @Test
    void acknowledgedSegmentsAreDeletedAndTheBytesFollow() throws IOException {
        try (Spool spool = open("1MiB")) {
            append(spool, 1, 3000);
            assertThat(segments().size()).isGreaterThan(3);
            long before = (long) registry.get("ncbridge.sink.spool.bytes").gauge().value();
            assertThat(before).isEqualTo(segments().stream().mapToLong(SpoolTest::size).sum());
            assertThat(readAll(spool)).hasSize(3000);
            spool.ack();
            assertThat(segments()).hasSize(1); // the segment being written
            assertThat((long) registry.get("ncbridge.sink.spool.bytes").gauge().value())
                    .isEqualTo(segments().stream().mapToLong(SpoolTest::size).sum());
        }
    }

    @Test
    void aTornTailAndAFlippedEntryCostOneRecordEachAndAreCounted() throws IOException {
        try (Spool spool = open("1MiB")) {
            append(spool, 1, 3000);
        }
        List<Path> files = segments();
        assertThat(files.size()).isGreaterThan(3);
        Path middle = files.get(1);
        Path last = files.get(files.size() - 1);
        try (RandomAccessFile f = new RandomAccessFile(middle.toFile(), "rw")) {
            long at = f.length() / 2;
            f.seek(at);
            int b = f.read();
            f.seek(at);
            f.write(b ^ 0xFF);
        }
        try (RandomAccessFile f = new RandomAccessFile(last.toFile(), "rw")) {
            f.setLength(f.length() - 5); // cut inside the last entry, as a crash mid-write does
        }

        try (Spool spool = open("1MiB")) {
            assertThat(counter("ncbridge.sink.spool.corrupt.records")).isEqualTo(2);
            assertThat(counter("ncbridge.sink.spool.replayed")).isEqualTo(2998);
            List<Long> seqs = readAll(spool);
            assertThat(seqs).hasSize(2998).isSorted().doesNotHaveDuplicates().contains(1L, 2999L)
                    .doesNotContain(3000L);
            assertThat(counter("ncbridge.sink.spool.corrupt.records")).isEqualTo(2); // not counted twice
        }
    }

    @Test
    void aSegmentOfAnotherVersionIsSetAsideAndTheSpoolStillOpens() throws IOException {
        try (Spool spool = open("1MiB")) {
            append(spool, 1, 10);
        }
        Path seg = segments().get(0);
        try (RandomAccessFile f = new RandomAccessFile(seg.toFile(), "rw")) {
            f.seek(4);
            f.write(99); // a format version from the future
        }
        try (Spool spool = open("1MiB")) {
            assertThat(spool.records()).isZero();
            assertThat(counter("ncbridge.sink.spool.corrupt.records")).isEqualTo(1);
            assertThat(seg.resolveSibling(seg.getFileName() + ".unreadable")).exists();
        }
    }

    @Test
    void aFullSpoolRefusesRecordsAndEvictsWholeSegmentsCounted() throws IOException {
        try (Spool spool = open("1MiB")) {
            long appended = 0;
            while (spool.append(record(appended + 1))) {
                appended++;
            }
            spool.commit();
            assertThat(segments().stream().mapToLong(SpoolTest::size).sum()).isLessThanOrEqualTo(1 << 20);
            assertThat(spool.records()).isEqualTo(appended);
            spool.read(1, Long.MAX_VALUE); // the head segment is being read: not evicted
            long evicted = spool.evictOldest();
            assertThat(evicted).isPositive();
            assertThat(spool.records()).isEqualTo(appended - evicted);
            assertThat(spool.append(record(appended + 1))).isTrue();
            spool.commit();
            List<Long> seqs = new ArrayList<>(List.of(1L));
            seqs.addAll(readAll(spool));
            assertThat(seqs).hasSize((int) (appended - evicted + 1)).isSorted().contains(appended + 1);
        }
    }

    @Test
    void aDirectoryInUseIsRefused() throws IOException {
        try (Spool spool = open("1MiB")) {
            assertThatThrownBy(() -> open("1MiB")).isInstanceOf(IOException.class).hasMessageContaining("in use");
        }
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
