package dev.ncbridge.ingest.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.ncbridge.ingest.record.Record;
import dev.ncbridge.ingest.testing.KernelCaptures;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Arbitrary datagrams from a few sources, with time passing and expiry in between: no exception
 * escapes the decoder, and after {@code flushAll} it holds no memory. Seeded from the real kernel
 * captures; the unit test run replays the seeds, and under {@code verify} Jazzer fuzzes for
 * {@code fuzz.duration} (docs/performance.md).
 */
class NetconsoleDecoderFuzzTest {
    /** Few assemblies and little memory for them, so that eviction is reached too. */
    private static final DecoderLimits LIMITS = DecoderLimits.defaults().withMaxAssemblies(4, 128 * 1024);
    private static final long START_NANOS = 1_795_314_022_000_000_000L;
    private static final InetSocketAddress[] SOURCES = new InetSocketAddress[DatagramScript.SOURCES];
    /** Steps per seed: enough for fragments and continuations to meet, few enough for libFuzzer's input size. */
    private static final int SEED_STEPS = 16;

    static {
        for (int i = 0; i < SOURCES.length; i++) {
            SOURCES[i] = new InetSocketAddress("192.0.2." + (i + 1), 6666);
        }
    }

    static Stream<byte[]> seeds() {
        return Stream.of(KernelCaptures.RECENT, KernelCaptures.DEBIAN12).flatMap(kernel -> {
            List<KernelCaptures.Datagram> datagrams = KernelCaptures.load(kernel);
            List<byte[]> seeds = new ArrayList<>();
            for (int from = 0; from < datagrams.size(); from += SEED_STEPS) {
                List<DatagramScript.Step> steps = new ArrayList<>();
                long last = datagrams.get(from).receivedAtNanos();
                for (KernelCaptures.Datagram d : datagrams.subList(from, Math.min(from + SEED_STEPS, datagrams.size()))) {
                    // Each of the four targets of a capture is a source of its own.
                    steps.add(new DatagramScript.Step(d.port() % DatagramScript.SOURCES, false,
                            (d.receivedAtNanos() - last) / 1_000_000, d.payload()));
                    last = d.receivedAtNanos();
                }
                seeds.add(DatagramScript.write(steps));
            }
            return seeds.stream();
        });
    }

    @MethodSource("seeds")
    @FuzzTest
    void decodesAnythingAndHoldsNothingAfterFlush(byte[] input) {
        NetconsoleDecoder decoder = new NetconsoleDecoder(LIMITS, SourceNamer.ADDRESS, new DecodeCounters());
        Consumer<Record> out = r -> assertThat(r.source()).isNotNull();
        long now = START_NANOS;
        for (DatagramScript.Step step : DatagramScript.read(input)) {
            now += step.advanceMillis() * 1_000_000;
            if (step.expireFirst()) {
                decoder.expire(now, out);
            }
            decoder.decode(step.datagram(), 0, step.datagram().length, SOURCES[step.source()], now, out);
        }
        decoder.flushAll(now, out);
        assertHoldsNothing(decoder);
    }

    /** Every byte budget of the decoder, back to zero; a budget added to the decoder is asserted here. */
    private static void assertHoldsNothing(NetconsoleDecoder decoder) {
        assertThat(decoder.assemblyBytes()).as("bytes held for fragment assembly after flushAll").isZero();
        assertThat(decoder.budgets().decoderBytes()).as("bytes held for assemblies, continuations and partial lines"
                + " after flushAll").isZero();
    }
}
