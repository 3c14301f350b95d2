package dev.ncbridge.ingest.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ncbridge.ingest.record.Format;
import dev.ncbridge.ingest.record.KernelMessage;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Feeds arbitrary datagrams through a decoder and checks that every one of them is accounted
 * for: decoded into a record, merged into one, held and later flushed, dropped as a counted
 * duplicate, or counted malformed. Each datagram is classified independently with a fresh
 * {@link ExtendedHeaderParser} (the parser is stateless), which gives the expected counts.
 */
final class DecodeAccounting {
    final DecoderLimits limits;
    final DecoderHarness h;
    private final ExtendedHeaderParser parser;
    private final ExtendedHeader header = new ExtendedHeader();
    private long datagrams;
    private long bytes;
    private long extendedWhole;
    private long fragments;
    private final Map<MalformedReason, Long> malformed = new EnumMap<>(MalformedReason.class);
    private final Map<InetSocketAddress, ByteArrayOutputStream> legacyStreams = new LinkedHashMap<>();
    private boolean expiredBetween;

    DecodeAccounting(DecoderLimits limits) {
        this.limits = limits;
        this.h = new DecoderHarness(limits);
        this.parser = new ExtendedHeaderParser(limits.maxMessageBytes());
    }

    void send(InetSocketAddress source, byte[] datagram, long atMillis) {
        datagrams++;
        bytes += datagram.length;
        if (datagram.length == 0) {
            malformed.merge(MalformedReason.EMPTY, 1L, Long::sum);
        } else {
            switch (parser.parse(datagram, 0, datagram.length, header)) {
                case EXTENDED:
                    if (header.isFragment()) {
                        fragments++;
                    } else {
                        extendedWhole++;
                    }
                    break;
                case LEGACY:
                    legacyStreams.computeIfAbsent(source, s -> new ByteArrayOutputStream()).writeBytes(datagram);
                    break;
                default:
                    malformed.merge(header.malformedReason, 1L, Long::sum);
                    break;
            }
        }
        h.sendBytes(source, datagram, atMillis);
    }

    void expire(long atMillis) {
        expiredBetween = true;
        h.expire(atMillis);
    }

    /** Lets every timeout pass, flushes what is left and checks the books. */
    void finishAndCheck(long atMillis) {
        h.expire(atMillis + 10_000);
        h.flush(atMillis + 10_000);
        DecodeCounters c = h.counters;

        assertThat(c.get(DecodeCounter.DATAGRAMS)).isEqualTo(datagrams);
        assertThat(c.get(DecodeCounter.BYTES)).isEqualTo(bytes);
        for (MalformedReason reason : MalformedReason.values()) {
            if (reason != MalformedReason.FRAGMENT_OVERLAP) {
                assertThat(c.malformedCount(reason)).as("malformed %s", reason)
                        .isEqualTo(malformed.getOrDefault(reason, 0L));
            }
        }
        long overlaps = c.malformedCount(MalformedReason.FRAGMENT_OVERLAP);
        assertThat(c.malformedTotal()).isLessThanOrEqualTo(datagrams);
        assertThat(c.get(DecodeCounter.FRAGMENTS)).isEqualTo(fragments);

        assertThat((long) h.out.size()).as("every record emitted is counted")
                .isEqualTo(c.get(DecodeCounter.MESSAGES) + c.get(DecodeCounter.EVENTS));
        assertThat((long) h.messages().size()).isEqualTo(c.get(DecodeCounter.MESSAGES));

        // Fragments: each was a counted copy, a counted overlap, or went into an assembly that was
        // emitted (complete or not); an assembly holds at least one fragment.
        long assemblies = c.get(DecodeCounter.FRAGMENTED_MESSAGES) + c.get(DecodeCounter.INCOMPLETE_MESSAGES);
        assertThat(fragments - c.get(DecodeCounter.FRAGMENT_DUPLICATES) - overlaps)
                .isGreaterThanOrEqualTo(assemblies);
        // Extended messages: whole datagrams and assemblies each became a record, were merged
        // into the record before them, or were dropped as a counted duplicate.
        long extendedRecords = h.messages().stream().filter(r -> r.format() == Format.EXTENDED).count();
        assertThat(extendedRecords + c.get(DecodeCounter.DUPLICATE_MESSAGES) + c.get(DecodeCounter.CONTINUATIONS_MERGED))
                .isEqualTo(extendedWhole + assemblies);
        assertThat(h.messages()).allSatisfy(r -> assertThat(r.fragments()).isPositive());

        // Legacy text: nothing lost, nothing invented.
        List<KernelMessage> legacy = h.messages().stream().filter(r -> r.format() == Format.LEGACY)
                .collect(Collectors.toList());
        assertThat((long) legacy.size()).isEqualTo(c.get(DecodeCounter.LEGACY_LINES));
        assertThat(legacy.stream().filter(KernelMessage::incomplete).count())
                .isEqualTo(c.get(DecodeCounter.LEGACY_PARTIAL_FLUSHES));
        // A timeout or a source forgotten over the source limit flushes a partial line early,
        // which the model below does not follow; the counts above still hold then.
        if (!expiredBetween && c.get(DecodeCounter.SOURCES_EVICTED) == 0) {
            List<String> expected = new ArrayList<>();
            List<String> actual = new ArrayList<>();
            for (Map.Entry<InetSocketAddress, ByteArrayOutputStream> e : legacyStreams.entrySet()) {
                expected.addAll(legacyLines(e.getKey(), e.getValue().toByteArray(), limits.maxLegacyLineBytes()));
            }
            for (InetSocketAddress source : legacyStreams.keySet()) {
                legacy.stream().filter(r -> r.source().equals(source))
                        .forEach(r -> actual.add(describe(source, r.raw(), r.incomplete())));
            }
            assertThat(actual).isEqualTo(expected);
        }

        // Nothing is held any more.
        assertThat(h.decoder.assemblyBytes()).isZero();
        assertThat(h.decoder.budgets().decoderBytes()).isZero();
        assertThat(h.decoder.sources()).allSatisfy(st -> assertThat(st.hasPendingWork()).isFalse());
    }

    /**
     * What a legacy source's concatenated datagrams must come out as: one line per newline, a
     * trailing {@code \r} dropped, empty lines skipped, lines over the limit in parts, and the
     * text after the last newline flushed as a partial line.
     */
    static List<String> legacyLines(InetSocketAddress source, byte[] stream, int maxLine) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= stream.length; i++) {
            boolean complete = i < stream.length && stream[i] == '\n';
            if (!complete && i < stream.length) {
                continue;
            }
            int p = start;
            while (i - p > maxLine) {
                out.add(describe(source, slice(stream, p, p + maxLine), true));
                p += maxLine;
            }
            int end = i;
            if (complete && end > p && stream[end - 1] == '\r') {
                end--;
            }
            if (end > p) {
                out.add(describe(source, slice(stream, p, end), !complete));
            }
            start = i + 1;
        }
        return out;
    }

    private static byte[] slice(byte[] b, int from, int to) {
        return java.util.Arrays.copyOfRange(b, from, to);
    }

    private static String describe(InetSocketAddress source, byte[] line, boolean partial) {
        return source.getPort() + (partial ? " partial: " : " line: ") + new String(line, StandardCharsets.ISO_8859_1);
    }
}
