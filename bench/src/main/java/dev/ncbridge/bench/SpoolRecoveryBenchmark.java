package dev.ncbridge.bench;

import dev.ncbridge.ingest.record.Record;
import dev.ncbridge.sink.spool.Spool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Recovery of 1,000,000 spooled records: opening the spool (finding and checking every segment)
 * and reading every record back in batches of 1,000, as the runner replays them. Nothing is
 * acknowledged, so every invocation recovers the same spool.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
@Warmup(iterations = 1)
@Measurement(iterations = 5)
@State(Scope.Benchmark)
public class SpoolRecoveryBenchmark {
    static final int RECORDS = 1_000_000;

    private Path dir;

    @Setup(Level.Trial)
    public void fill() throws IOException {
        dir = Files.createTempDirectory("spool-recovery");
        try (Spool spool = SpoolBenchmark.open(dir, "none", "64GiB")) {
            for (int i = 0; i < RECORDS; i++) {
                spool.append(SpoolBenchmark.typical(i));
                if (i % 1000 == 999) {
                    spool.commit();
                }
            }
        }
    }

    @TearDown(Level.Trial)
    public void delete() throws IOException {
        SpoolBenchmark.delete(dir);
    }

    @Benchmark
    public long openAndReadAll() throws IOException {
        long read = 0;
        try (Spool spool = SpoolBenchmark.open(dir, "none", "64GiB")) {
            for (List<Record> batch = spool.read(1000, Long.MAX_VALUE); !batch.isEmpty();
                 batch = spool.read(1000, Long.MAX_VALUE)) {
                read += batch.size();
            }
        }
        if (read != RECORDS) {
            throw new IllegalStateException("read " + read + " of " + RECORDS);
        }
        return read;
    }
}
