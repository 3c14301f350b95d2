package dev.ncbridge.bench;

import dev.ncbridge.ingest.codec.DecodeCounter;
import dev.ncbridge.ingest.codec.DecodeCounters;
import dev.ncbridge.ingest.codec.NetconsoleDecoder;
import dev.ncbridge.ingest.record.KernelMessage;
import dev.ncbridge.ingest.record.Record;
import dev.ncbridge.sink.encode.RecordEncoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Throughput of {@link NetconsoleDecoder} on one thread, one source per datagram kind: what one
 * decode worker can do. Results and the command are in docs/performance.md.
 *
 * <p>The decoder drops a datagram it has seen (same seq and time) within the reorder window and
 * treats an older seq as reordering or a kernel restart, so replaying one datagram would measure
 * the duplicate path. Each op therefore counts the seq and kernel time up by one in a
 * preallocated template (fixed-width digits, so nothing moves) and advances the receive clock. Counters are
 * checked after every iteration: any drop, loss, reset or malformed datagram fails the run.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Thread)
public class DecodeBenchmark {
    /** Seq and kernel time start high so that their digit count stays fixed for any run length. */
    private static final long FIRST_SEQ = 1_000_000_000L;
    private static final int SEQ_DIGITS = 10;
    private static final long FIRST_TS_US = 100_000_000_000L;
    private static final int TS_DIGITS = 12;
    /** Templates start with {@code 6,}: the seq digits follow at index 2, the time after a comma. */
    private static final int SEQ_AT = 2;
    private static final int TS_AT = SEQ_AT + SEQ_DIGITS + 1;
    /** Gaps and timeouts are settled this often, as a worker's periodic expire would. */
    private static final int EXPIRE_MASK = 4096 - 1;

    static final String SHORT_TEXT = "eth0: link up, 1000 Mbps full duplex";
    static final String LEGACY_TEXT = "eth0: link up";
    static final int FRAGMENTED_BODY_BYTES = 2500;
    /** Where the kernel would cut a 2500-byte payload: each datagram stays under 1000 bytes. */
    private static final int[] FRAGMENT_OFFSETS = {0, 900, 1800};

    // One source per kind: each kind has its own seq stream, as it would from its own target.
    private static final InetSocketAddress SHORT_SOURCE = source(6661);
    private static final InetSocketAddress FRAGMENTED_SOURCE = source(6662);
    private static final InetSocketAddress LEGACY_SOURCE = source(6663);
    private static final InetSocketAddress DICTIONARY_SOURCE = source(6664);
    private static final InetSocketAddress JSON_SOURCE = source(6665);

    private DecodeCounters counters;
    private NetconsoleDecoder decoder;
    private final RecordSink sink = new RecordSink();
    private final RecordEncoder json = RecordEncoder.forName("json");
    private final ByteArrayOutputStream jsonOut = new ByteArrayOutputStream(1024);

    private final Template shortDatagram = new Template("6,%s,%s,-;" + SHORT_TEXT + "\n");
    private final Template[] fragments = fragmentTemplates();
    private final byte[] legacyDatagram =
            ("[  123.456789] " + LEGACY_TEXT + "\n").getBytes(StandardCharsets.US_ASCII);
    private final Template dictionaryDatagram = new Template("6,%s,%s,-;" + SHORT_TEXT
            + "\n SUBSYSTEM=net\n DEVICE=+net:eth0\n rack=r12\n cpu=3\n taskname=kworker/3:1\n");

    private long nowNanos;
    private long ops;
    private long expectedRecords;

    @Setup(Level.Trial)
    public void setUp() {
        nowNanos = 1_700_000_000_000_000_000L;
        // One op of each kind, checked, so that a wrong template fails here instead of measuring
        // a reject path. They run on a throwaway decoder so that the measured one starts clean.
        freshDecoder();
        shortExtended(null);
        KernelMessage m = sink.lastMessage();
        check(m.message().equals(SHORT_TEXT) && m.extended().seq() == shortDatagram.seq
                && m.kernelTsUs() == shortDatagram.tsUs, "short", m);
        fragmented(null);
        m = sink.lastMessage();
        check(m.fragments() == 3 && m.extended().seq() == fragments[0].seq
                && m.message().length() == FRAGMENTED_BODY_BYTES && !m.incomplete(), "fragmented", m);
        legacy(null);
        m = sink.lastMessage();
        check(m.message().equals(LEGACY_TEXT) && m.kernelTsUs() == 123_456_789L, "legacy", m);
        withDictionary(null);
        m = sink.lastMessage();
        check(m.message().equals(SHORT_TEXT) && "net".equals(m.extended().device().subsystem())
                && m.extended().userdata().size() == 1 && m.extended().sysdata().cpu() == 3
                && "kworker/3:1".equals(m.extended().sysdata().taskname()), "dictionary", m);
        try {
            decodeAndEncodeJson(null);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        check(jsonOut.size() > 100, "json", sink.last);
        checkClean();
        freshDecoder();
    }

    private void freshDecoder() {
        counters = new DecodeCounters();
        decoder = NetconsoleDecoder.withDefaults(counters);
        sink.records = 0;
        expectedRecords = 0;
    }

    /** Fails the run if the decoder took any path but the normal one since setup. */
    @TearDown(Level.Iteration)
    public void checkClean() {
        check(counters.malformedTotal() == 0, "no malformed datagrams", null);
        for (DecodeCounter c : new DecodeCounter[] {DecodeCounter.DUPLICATE_MESSAGES,
                DecodeCounter.FRAGMENT_DUPLICATES, DecodeCounter.OUT_OF_ORDER, DecodeCounter.SOURCE_RESETS,
                DecodeCounter.LOST_MESSAGES, DecodeCounter.SEQ_SKIPPED, DecodeCounter.INCOMPLETE_MESSAGES,
                DecodeCounter.ASSEMBLIES_EVICTED, DecodeCounter.EVENTS}) {
            check(counters.get(c) == 0, c.metricName() + " = 0, was " + counters.get(c), null);
        }
        check(sink.records == expectedRecords && counters.get(DecodeCounter.MESSAGES) == expectedRecords,
                "one record per op: expected " + expectedRecords + ", got " + sink.records, null);
    }

    /** Nothing may be pending at the end: flushing must report no loss and emit nothing. */
    @TearDown(Level.Trial)
    public void flushClean() {
        decoder.flushAll(nowNanos, sink);
        checkClean();
    }

    /** (a) The common case: one short extended datagram, one record. */
    @Benchmark
    public void shortExtended(Blackhole bh) {
        next(bh);
        shortDatagram.next();
        decode(shortDatagram.bytes, SHORT_SOURCE);
    }

    /** (b) A 2500-byte message in three ncfrag datagrams: one op is the whole message. */
    @Benchmark
    public void fragmented(Blackhole bh) {
        next(bh);
        for (Template f : fragments) {
            f.next();
            decode(f.bytes, FRAGMENTED_SOURCE);
        }
    }

    /** (c) A legacy console line. Legacy lines carry no seq, so the same bytes can be replayed. */
    @Benchmark
    public void legacy(Blackhole bh) {
        next(bh);
        decode(legacyDatagram, LEGACY_SOURCE);
    }

    /** (d) A short message with device info, one userdata key and sysdata. */
    @Benchmark
    public void withDictionary(Blackhole bh) {
        next(bh);
        dictionaryDatagram.next();
        decode(dictionaryDatagram.bytes, DICTIONARY_SOURCE);
    }

    /** (e) As (a), then the record encoded as JSON, to show what encoding adds. */
    @Benchmark
    public void decodeAndEncodeJson(Blackhole bh) throws IOException {
        next(bh);
        shortDatagram.next();
        decode(shortDatagram.bytes, JSON_SOURCE);
        jsonOut.reset();
        json.encode(sink.last, jsonOut);
        if (bh != null) {
            bh.consume(jsonOut.size());
        }
    }

    private void next(Blackhole bh) {
        sink.bh = bh;
        nowNanos += 1_000;
        expectedRecords++;
        if ((++ops & EXPIRE_MASK) == 0) {
            decoder.expire(nowNanos, sink);
        }
    }

    private void decode(byte[] datagram, InetSocketAddress source) {
        decoder.decode(datagram, 0, datagram.length, source, nowNanos, sink);
    }

    private static Template[] fragmentTemplates() {
        StringBuilder body = new StringBuilder(FRAGMENTED_BODY_BYTES);
        while (body.length() < FRAGMENTED_BODY_BYTES) {
            body.append("usb 1-1.4: device descriptor read/64, error -71; retrying enumeration ");
        }
        body.setLength(FRAGMENTED_BODY_BYTES);
        Template[] t = new Template[FRAGMENT_OFFSETS.length];
        for (int i = 0; i < t.length; i++) {
            int from = FRAGMENT_OFFSETS[i];
            int to = i + 1 < t.length ? FRAGMENT_OFFSETS[i + 1] : FRAGMENTED_BODY_BYTES;
            t[i] = new Template("6,%s,%s,-,ncfrag=" + from + "/" + FRAGMENTED_BODY_BYTES + ";"
                    + body.substring(from, to));
        }
        return t;
    }

    private static InetSocketAddress source(int port) {
        try {
            return new InetSocketAddress(InetAddress.getByAddress(new byte[] {10, 0, 0, 5}), port);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static void check(boolean ok, String what, Record r) {
        if (!ok) {
            throw new IllegalStateException("benchmark is not measuring the normal path: " + what
                    + (r != null ? " (record " + r + ")" : ""));
        }
    }

    /**
     * A datagram whose seq and kernel time go up by one per op, rewritten in place. The digits
     * are counted up like an odometer rather than formatted from a long: formatting 22 digits
     * with divisions cost about as much as decoding the datagram and made the harness, not the
     * decoder, the top of the profile.
     */
    static final class Template {
        final byte[] bytes;
        long seq = FIRST_SEQ;
        long tsUs = FIRST_TS_US;

        /** {@code format} starts with {@code 6,%s,%s,}: the seq and time placeholders. */
        Template(String format) {
            bytes = String.format(format, FIRST_SEQ, FIRST_TS_US).getBytes(StandardCharsets.US_ASCII);
            if (bytes[SEQ_AT - 1] != ',' || bytes[TS_AT - 1] != ',' || bytes[TS_AT + TS_DIGITS] != ',') {
                throw new IllegalArgumentException("template must start with 6,%s,%s,: " + format);
            }
        }

        void next() {
            seq++;
            tsUs++;
            increment(bytes, SEQ_AT, SEQ_DIGITS);
            increment(bytes, TS_AT, TS_DIGITS);
        }

        private static void increment(byte[] b, int at, int width) {
            for (int i = at + width - 1; i >= at; i--) {
                if (b[i] != '9') {
                    b[i]++;
                    return;
                }
                b[i] = '0';
            }
            // All nines: one more digit would shift the rest of the datagram.
            throw new IllegalStateException("counter outgrew " + width + " digits");
        }
    }

    /**
     * Where records go: counted, kept (the JSON op encodes the last one) and sunk into the
     * op's Blackhole. One reusable object, so the consumer itself allocates nothing per op.
     */
    static final class RecordSink implements Consumer<Record> {
        Blackhole bh;
        Record last;

        /** The last record, which the checks expect to be a message: anything else fails the run. */
        KernelMessage lastMessage() {
            check(last instanceof KernelMessage, "a message", last);
            return (KernelMessage) last;
        }
        long records;

        @Override
        public void accept(Record r) {
            last = r;
            records++;
            if (bh != null) {
                bh.consume(r);
            }
        }
    }
}
