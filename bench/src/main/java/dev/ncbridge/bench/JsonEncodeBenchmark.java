package dev.ncbridge.bench;

import dev.ncbridge.ingest.record.Record;
import dev.ncbridge.sink.encode.RecordEncoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of the {@code json} encoding of one record, on one thread, into a reused stream: what a
 * sink's runner pays per record on top of decoding. Results and the command are in
 * docs/performance.md; {@link EncodeCpuTime} measures the same by CPU time, for a busy machine.
 *
 * <p>The records are {@link EncodeRecords}: the receive time moves on by a microsecond per op.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Thread)
public class JsonEncodeBenchmark {
    private final RecordEncoder json = RecordEncoder.forName("json");
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(2048);

    private long nowNanos = 1_700_000_000_000_000_000L;

    @Setup
    public void setUp() throws IOException {
        for (EncodeRecords record : EncodeRecords.values()) {
            out.reset();
            json.encode(record.at(nowNanos), out);
            if (out.size() < 150) {
                throw new IllegalStateException("suspiciously short encoding: " + out);
            }
        }
    }

    @Benchmark
    public int shortExtended() throws IOException {
        return encode(EncodeRecords.SHORT_EXTENDED);
    }

    /** {@code shortExtended} from an IPv6 source: its text is RFC 5952, kept per address by the encoder. */
    @Benchmark
    public int shortExtendedIpv6() throws IOException {
        return encode(EncodeRecords.SHORT_EXTENDED_IPV6);
    }

    @Benchmark
    public int withDictionary() throws IOException {
        return encode(EncodeRecords.WITH_DICTIONARY);
    }

    @Benchmark
    public int lossEvent() throws IOException {
        return encode(EncodeRecords.LOSS_EVENT);
    }

    /**
     * Builds outside the measured cost would be nicer, but a record is immutable and the time
     * must move; building costs the same before and after any encoder change, so comparisons
     * hold. {@link #baselineBuild} measures it alone.
     */
    private int encode(EncodeRecords record) throws IOException {
        nowNanos += 1000;
        out.reset();
        json.encode(record.at(nowNanos), out);
        return out.size();
    }

    /** The record build alone, to subtract from the others. */
    @Benchmark
    public Record baselineBuild() {
        nowNanos += 1000;
        return EncodeRecords.SHORT_EXTENDED.at(nowNanos);
    }
}
