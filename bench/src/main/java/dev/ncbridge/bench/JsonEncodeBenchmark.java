package dev.ncbridge.bench;

import dev.ncbridge.ingest.record.ContinuationFlag;
import dev.ncbridge.ingest.record.EventType;
import dev.ncbridge.ingest.record.KeyValue;
import dev.ncbridge.ingest.record.Record;
import dev.ncbridge.ingest.testing.Records;
import dev.ncbridge.sink.encode.RecordEncoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;
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
 * docs/performance.md.
 *
 * <p>The records are built once, as the decoder would have built them: the receive time moves
 * on by a microsecond per op (so the timestamp's per-second cache behaves as under a steady
 * stream), everything else stays the same.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Thread)
public class JsonEncodeBenchmark {
    private static final String SHORT_TEXT = "eth0: link up, 1000 Mbps full duplex";
    private static final InetSocketAddress SOURCE = source(new byte[] {10, 0, 0, 5});
    /** 2001:db8::5, as the side-by-side harness's spoofed sources are IPv6. */
    private static final InetSocketAddress SOURCE_V6 =
            source(new byte[] {0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 5});

    private final RecordEncoder json = RecordEncoder.forName("json");
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(2048);

    private LongFunction<Record> shortExtended;
    private LongFunction<Record> shortExtendedIpv6;
    private LongFunction<Record> withDictionary;
    private LongFunction<Record> lossEvent;
    private long nowNanos = 1_700_000_000_000_000_000L;

    @Setup
    public void setUp() throws IOException {
        // 6,<seq>,<ts>,-;eth0: link up, 1000 Mbps full duplex\n: a typical 64-byte extended datagram.
        String datagram = "6,1000000000,100000000000,-;" + SHORT_TEXT + "\n";
        Records.MessageBuilder shortMessage = Records.extended().message(SHORT_TEXT).source(SOURCE).hostName("web-42")
                .level(6).facility(0).seq(1_000_000_000L).kernelTsUs(100_000_000_000L)
                .cont(ContinuationFlag.NONE).fragments(1).raw(datagram.getBytes(StandardCharsets.US_ASCII));
        Records.MessageBuilder dictionaryMessage = Records.extended().message(SHORT_TEXT).source(SOURCE)
                .hostName("web-42").level(6).facility(0).seq(1_000_000_000L).kernelTsUs(100_000_000_000L)
                .cont(ContinuationFlag.NONE).fragments(1).release("6.14.0-1-amd64").msgid(4711).cpu(3)
                .taskname("kworker/3:1").subsystem("net").device("+net:eth0")
                .userdata(List.of(new KeyValue("rack", "r12"), new KeyValue("role", "db")));
        Records.EventBuilder loss = Records.event(EventType.LOSS).message("3 messages missing (msgid 13..15)")
                .source(SOURCE).hostName("web-42").put("counter", "msgid").put("first", 13).put("last", 15)
                .put("missing", 3);
        shortExtended = at -> shortMessage.source(SOURCE).receivedAtNanos(at).build();
        shortExtendedIpv6 = at -> shortMessage.source(SOURCE_V6).receivedAtNanos(at).build();
        withDictionary = at -> dictionaryMessage.receivedAtNanos(at).build();
        lossEvent = at -> loss.receivedAtNanos(at).build();
        for (LongFunction<Record> record : List.of(shortExtended, shortExtendedIpv6, withDictionary, lossEvent)) {
            out.reset();
            json.encode(record.apply(nowNanos), out);
            if (out.size() < 150) {
                throw new IllegalStateException("suspiciously short encoding: " + out);
            }
        }
    }

    @Benchmark
    public int shortExtended() throws IOException {
        return encode(shortExtended);
    }

    /** {@code shortExtended} from an IPv6 source: its text is RFC 5952, kept per address by the encoder. */
    @Benchmark
    public int shortExtendedIpv6() throws IOException {
        return encode(shortExtendedIpv6);
    }

    @Benchmark
    public int withDictionary() throws IOException {
        return encode(withDictionary);
    }

    @Benchmark
    public int lossEvent() throws IOException {
        return encode(lossEvent);
    }

    /**
     * Builds outside the measured cost would be nicer, but a record is immutable and the time
     * must move; building costs the same before and after any encoder change, so comparisons
     * hold. {@link #baselineBuild} measures it alone.
     */
    private int encode(LongFunction<Record> record) throws IOException {
        nowNanos += 1000;
        out.reset();
        json.encode(record.apply(nowNanos), out);
        return out.size();
    }

    /** The record build alone, to subtract from the others. */
    @Benchmark
    public Record baselineBuild() {
        nowNanos += 1000;
        return shortExtended.apply(nowNanos);
    }

    private static InetSocketAddress source(byte[] address) {
        try {
            return new InetSocketAddress(InetAddress.getByAddress(address), 6665);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
