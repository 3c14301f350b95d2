package dev.ncbridge.bench;

import dev.ncbridge.config.DataSize;
import dev.ncbridge.ingest.record.ContinuationFlag;
import dev.ncbridge.ingest.record.Extended;
import dev.ncbridge.ingest.record.KernelMessage;
import dev.ncbridge.ingest.record.Record;
import dev.ncbridge.sink.spool.Spool;
import dev.ncbridge.sink.spool.SpoolMetrics;
import dev.ncbridge.sink.spool.SpoolSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Spool write throughput for each {@code sync} mode: groups of {@link #GROUP} records appended and
 * committed, as the sink runner spills its queue. Each iteration starts on an empty spool, so the
 * disk used stays bounded. Results and the command are in docs/performance.md.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Thread)
public class SpoolBenchmark {
    /** Records per commit: about what the runner moves in one 10 ms spill at 10,000 records/s. */
    static final int GROUP = 100;

    @Param({"batch", "interval", "none"})
    public String sync;

    private Path dir;
    private Spool spool;
    private final Record[] records = new Record[GROUP];

    /** A typical extended kernel message as the decoder makes it: text, raw bytes, host, header fields. */
    static Record typical(long seq) {
        String text = "e1000e 0000:00:1f.6 eth0: NIC Link is Up 1000 Mbps Full Duplex, Flow Control: Rx/Tx";
        return new KernelMessage(1_795_000_000_000_000_000L + seq, new InetSocketAddress("10.20.30.40", 6665),
                "web-42.example.net", text, 22_085_407_756L + seq, 1, false,
                ("6," + seq + ",22085407756,-;" + text + "\n").getBytes(StandardCharsets.UTF_8), null,
                new Extended(6, 0, seq, ContinuationFlag.NONE, null, false, false, false, null, null, List.of()));
    }

    static Spool open(Path dir, String sync, String maxSize) throws IOException {
        return Spool.open(new SpoolSettings(dir.toString(), DataSize.parse(maxSize),
                        SpoolSettings.Sync.valueOf(sync.toUpperCase(java.util.Locale.ROOT)), null, null),
                new SpoolMetrics(new SimpleMeterRegistry(), "bench"));
    }

    static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Setup(Level.Iteration)
    public void open() throws IOException {
        for (int i = 0; i < GROUP; i++) {
            records[i] = typical(i);
        }
        dir = Files.createTempDirectory("spool-bench");
        spool = open(dir, sync, "64GiB");
    }

    @TearDown(Level.Iteration)
    public void close() throws IOException {
        System.out.printf("%n%s: %.1f bytes per record on disk%n", sync,
                (double) Files.walk(dir).filter(p -> p.toString().endsWith(".seg")).mapToLong(p -> p.toFile().length())
                        .sum() / spool.records());
        spool.close();
        delete(dir);
    }

    @Benchmark
    @OperationsPerInvocation(GROUP)
    public void appendAndCommit() throws IOException {
        for (Record r : records) {
            spool.append(r);
        }
        spool.commit();
        spool.tick();
    }
}
