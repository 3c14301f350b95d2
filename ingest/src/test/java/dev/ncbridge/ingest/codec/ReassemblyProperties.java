package dev.ncbridge.ingest.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ncbridge.ingest.record.ContinuationFlag;
import dev.ncbridge.ingest.record.Device;
import dev.ncbridge.ingest.record.Format;
import dev.ncbridge.ingest.record.KernelMessage;
import dev.ncbridge.ingest.record.KeyValue;
import dev.ncbridge.ingest.record.Sysdata;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;

/**
 * Properties of the decoder as a whole: fragmented messages come back exactly, whatever the cuts
 * and the delivery order; arbitrary input never escapes the decoder and is always accounted for;
 * legacy console lines are joined back whatever the chunking.
 */
class ReassemblyProperties {
    private static final InetSocketAddress SOURCE = DecoderHarness.HOST;
    private static final Set<String> RESERVED_KEYS = Set.of("SUBSYSTEM", "DEVICE", "cpu", "taskname", "release",
            "msgid");

    // ---- fragmented extended messages ------------------------------------------------------

    /** One message, its payload cut into fragments, delivered in some order with some copies. */
    static final class Scenario {
        final Message message;
        final int[] cuts;
        /** Fragment indexes in delivery order; an index appears more than once for a copy. */
        final List<Integer> delivery;

        Scenario(Message message, int[] cuts, List<Integer> delivery) {
            this.message = message;
            this.cuts = cuts;
            this.delivery = delivery;
        }

        List<byte[]> fragments() {
            return KernelWire.fragments(message.header(), message.payload.bytes(), cuts);
        }

        /** Whether some cut falls inside a {@code \xhh} escape, as real kernels do. */
        boolean cutsAnEscape() {
            byte[] p = message.payload.bytes();
            for (int cut : cuts) {
                for (int back = 1; back <= 3 && cut - back >= 0; back++) {
                    if (p[cut - back] == '\\') {
                        return true;
                    }
                }
            }
            return false;
        }

        @Override
        public String toString() {
            return message + " cuts=" + java.util.Arrays.toString(cuts) + " delivery=" + delivery;
        }
    }

    /** The header fields and payload of one extended message. */
    static final class Message {
        final String release;
        final int prefix;
        final long seq;
        final long tsUs;
        final KernelWire.Payload payload;

        Message(String release, int prefix, long seq, long tsUs, KernelWire.Payload payload) {
            this.release = release;
            this.prefix = prefix;
            this.seq = seq;
            this.tsUs = tsUs;
            this.payload = payload;
        }

        String header() {
            return KernelWire.header(release, prefix, seq, tsUs, '-');
        }

        String expectedText() {
            return new String(payload.body, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return header() + ";" + new String(payload.bytes(), StandardCharsets.ISO_8859_1);
        }
    }

    @Property(tries = 400)
    void anyBodyCutAnywhereAndDeliveredInAnyOrderWithCopiesComesBackOnce(
            @ForAll("plainMessages") Scenario s) {
        Statistics.label("cut inside an escape").collect(s.cutsAnEscape());
        Statistics.label("fragments").collect(s.cuts.length + 1 == 1 ? "1" : s.cuts.length + 1 <= 4 ? "2-4" : "5+");
        Statistics.label("cut inside an escape").coverage(c -> c.check(true).percentage(p -> p >= 10));

        DecoderHarness h = deliver(s);

        assertReassembled(h, s);
        assertThat(h.out).hasSize(1);
        KernelMessage r = (KernelMessage) h.out.get(0);
        assertThat(r.extended().device()).isNull();
        assertThat(r.extended().userdata()).isEmpty();
        assertThat(r.extended().sysdata()).isNull();
        assertThat(r.extended().release()).isEqualTo(s.message.release);
    }

    @Property(tries = 300)
    void dictionaryLinesSurviveReassemblyInTheirFields(@ForAll("dictionaryMessages") Scenario s) {
        DecoderHarness h = deliver(s);

        assertReassembled(h, s);
        assertThat(h.out).hasSize(1);
        KernelMessage r = (KernelMessage) h.out.get(0);
        KernelWire.Payload p = s.message.payload;
        Device device = r.extended().device();
        assertThat(device == null ? null : device.subsystem())
                .isEqualTo(p.subsystem == null ? null : new String(p.subsystem, StandardCharsets.UTF_8));
        assertThat(device == null ? null : device.device())
                .isEqualTo(p.device == null ? null : new String(p.device, StandardCharsets.UTF_8));
        assertThat(r.extended().userdata()).containsExactlyElementsOf(p.userdata);
        Sysdata sysdata = r.extended().sysdata();
        assertThat(sysdata == null ? null : sysdata.cpu()).isEqualTo(p.cpu);
        assertThat(sysdata == null ? null : sysdata.taskname()).isEqualTo(p.taskname);
        assertThat(sysdata == null ? null : sysdata.msgid()).isEqualTo(p.msgid);
        assertThat(r.extended().release()).as("the header's release wins over sysdata's")
                .isEqualTo(s.message.release != null ? s.message.release : p.release);
    }

    @Property(tries = 200)
    void interleavedMessagesOfOneSourceEachComeBackOnce(@ForAll("interleaved") List<Scenario> messages,
                                                        @ForAll("orderKeys") List<Integer> orderKeys) {
        List<byte[]> datagrams = new ArrayList<>();
        for (Scenario s : messages) {
            List<byte[]> f = s.fragments();
            for (int i : s.delivery) {
                datagrams.add(f.get(i));
            }
        }
        // Interleave: a stable sort of the deliveries by arbitrary keys keeps each message's own
        // order but mixes the messages.
        List<Integer> order = IntStream.range(0, datagrams.size()).boxed()
                .sorted((a, b) -> Integer.compare(orderKeys.get(a % orderKeys.size()),
                        orderKeys.get(b % orderKeys.size())))
                .collect(Collectors.toList());
        DecoderHarness h = new DecoderHarness();
        long t = 0;
        for (int i : order) {
            h.sendBytes(SOURCE, datagrams.get(i), t++);
        }
        h.expire(t + 10_000).flush(t + 10_000);

        assertThat(h.out).as("no loss, reset or duplicate: every seq arrived").allSatisfy(
                r -> assertThat(r).isInstanceOf(KernelMessage.class));
        assertThat(h.messages()).extracting(r -> r.extended().seq()).containsExactlyInAnyOrderElementsOf(
                messages.stream().map(s -> s.message.seq).collect(Collectors.toList()));
        for (Scenario s : messages) {
            KernelMessage r = h.messages().stream().filter(x -> x.extended().seq() == s.message.seq).findFirst().orElseThrow();
            assertThat(r.message()).isEqualTo(s.message.expectedText());
            assertThat(r.fragments()).isEqualTo(s.cuts.length + 1);
            assertThat(r.incomplete()).isFalse();
            assertThat(r.extended().seqReset()).isFalse();
        }
        assertThat(h.counters.malformedTotal()).isZero();
        assertThat(h.counters.get(DecodeCounter.SOURCE_RESETS)).isZero();
        assertThat(h.decoder.assemblyBytes()).isZero();
    }

    @Property(tries = 300)
    void wholeMessagesDecodeToTheirBody(@ForAll("plainMessages") Scenario s) {
        DecoderHarness h = new DecoderHarness()
                .sendBytes(SOURCE, KernelWire.whole(s.message.header(), s.message.payload.bytes()), 0);
        assertThat(h.out).hasSize(1);
        assertThat(h.messages()).singleElement().satisfies(r -> {
            assertThat(r.message()).isEqualTo(s.message.expectedText());
            assertThat(r.fragments()).isEqualTo(1);
            assertThat(r.extended().seq()).isEqualTo(s.message.seq);
            assertThat(r.kernelTsUs()).isEqualTo(s.message.tsUs);
        });
    }

    private static DecoderHarness deliver(Scenario s) {
        DecoderHarness h = new DecoderHarness();
        List<byte[]> fragments = s.fragments();
        long t = 0;
        for (int i : s.delivery) {
            h.sendBytes(SOURCE, fragments.get(i), t++);
        }
        int emitted = h.out.size();
        h.expire(t + 10_000).flush(t + 10_000);
        assertThat(h.out).as("nothing more after the timeouts").hasSize(emitted);
        return h;
    }

    private static void assertReassembled(DecoderHarness h, Scenario s) {
        Message m = s.message;
        assertThat(h.messages()).singleElement().satisfies(r -> {
            assertThat(r.message()).isEqualTo(m.expectedText());
            assertThat(r.fragments()).isEqualTo(s.cuts.length + 1);
            assertThat(r.incomplete()).isFalse();
            assertThat(r.format()).isEqualTo(Format.EXTENDED);
            assertThat(r.extended().seq()).isEqualTo(m.seq);
            assertThat(r.kernelTsUs()).isEqualTo(m.tsUs);
            assertThat(r.extended().level()).isEqualTo(m.prefix & 7);
            assertThat(r.extended().facility()).isEqualTo(m.prefix >> 3);
            assertThat(r.extended().cont()).isEqualTo(ContinuationFlag.NONE);
            assertThat(r.raw()).as("header without ncfrag, then the payload")
                    .isEqualTo(KernelWire.concat(KernelWire.ascii(m.header() + ";"), m.payload.bytes()));
        });
        assertThat(h.counters.malformedTotal()).isZero();
        assertThat(h.counters.get(DecodeCounter.FRAGMENTED_MESSAGES)).isEqualTo(1);
        assertThat(h.counters.get(DecodeCounter.INCOMPLETE_MESSAGES)).isZero();
        assertThat(h.counters.get(DecodeCounter.FRAGMENT_DUPLICATES))
                .isEqualTo(s.delivery.size() - (s.cuts.length + 1));
        assertThat(h.decoder.assemblyBytes()).isZero();
    }

    @Provide
    Arbitrary<Scenario> plainMessages() {
        return scenarios(messages(Arbitraries.just(false)));
    }

    @Provide
    Arbitrary<Scenario> dictionaryMessages() {
        return scenarios(messages(Arbitraries.just(true)));
    }

    @Provide
    Arbitrary<List<Scenario>> interleaved() {
        // At least two payload bytes, so that every message can be cut into real fragments.
        Arbitrary<Message> cuttable = messages(Arbitraries.of(false, true))
                .filter(m -> m.payload.bytes().length >= 2);
        return Combinators.combine(cuttable.list().ofMinSize(2).ofMaxSize(4),
                        Arbitraries.longs().between(0, Long.MAX_VALUE - 10),
                        Arbitraries.longs().between(0, Long.MAX_VALUE - 10),
                        Arbitraries.longs().between(0, 0xffff_fff0L).injectNull(0.5))
                .as((list, seq0, ts0, msgid0) -> {
                    // Consecutive seqs (and msgids) and rising times, as one kernel sends them.
                    List<Message> out = new ArrayList<>();
                    for (int i = 0; i < list.size(); i++) {
                        Message m = list.get(i);
                        KernelWire.Payload p = m.payload.withMsgid(msgid0 == null ? null : msgid0 + i);
                        out.add(new Message(m.release, m.prefix, seq0 + i, ts0 + i, p));
                    }
                    return out;
                })
                .flatMap(list -> Combinators.combine(list.stream().map(m -> scenarioFor(m, 1))
                        .collect(Collectors.toList())).as(l -> l));
    }

    @Provide
    Arbitrary<List<Integer>> orderKeys() {
        return Arbitraries.integers().between(0, 50).list().ofMinSize(1).ofMaxSize(40);
    }

    private static Arbitrary<Scenario> scenarios(Arbitrary<Message> messages) {
        return messages.flatMap(m -> scenarioFor(m, 0));
    }

    /** {@code m} cut at least {@code minCuts} times (when its payload allows), delivered in any order. */
    private static Arbitrary<Scenario> scenarioFor(Message m, int minCuts) {
        {
            int len = m.payload.bytes().length;
            Arbitrary<Set<Integer>> cuts = len < 2 ? Arbitraries.just(Set.of())
                    : Arbitraries.integers().between(1, len - 1).set().ofMinSize(minCuts)
                            .ofMaxSize(Math.min(len - 1, 24));
            return cuts.flatMap(cutSet -> {
                int[] sorted = new TreeSet<>(cutSet).stream().mapToInt(Integer::intValue).toArray();
                int n = sorted.length + 1;
                return Arbitraries.integers().between(0, n - 1).list().ofMaxSize(6).flatMap(copies -> {
                    List<Integer> all = new ArrayList<>();
                    IntStream.range(0, n).forEach(all::add);
                    all.addAll(copies);
                    return Arbitraries.shuffle(all).map(order -> new Scenario(m, sorted, order));
                });
            });
        }
    }

    private static Arbitrary<Message> messages(Arbitrary<Boolean> withDictionary) {
        Arbitrary<String> release = Arbitraries.of("6.4.0", "6.14.0", "7.3.4+deb13-amd64", "6.14.0-rc6-01219-g3c027fbd941d")
                .injectNull(0.5);
        return Combinators.combine(release, Arbitraries.integers().between(0, ExtendedHeaderParser.MAX_PREFIX),
                        Arbitraries.longs().between(0, Long.MAX_VALUE), Arbitraries.longs().between(0, Long.MAX_VALUE),
                        bodies(), withDictionary.flatMap(d -> d ? dictionaries() : Arbitraries.just(new KernelWire.Payload())))
                .as((rel, prefix, seq, ts, body, payload) -> new Message(rel, prefix, seq, ts, payload.withBody(body)));
    }

    /** Raw bytes, UTF-8 text of any script, and plain ASCII. */
    static Arbitrary<byte[]> bodies() {
        return Arbitraries.oneOf(
                Arbitraries.bytes().array(byte[].class).ofMaxSize(1200),
                Arbitraries.strings().all().ofMaxLength(400).map(KernelWire::utf8),
                Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(1500).map(KernelWire::ascii));
    }

    private static Arbitrary<KernelWire.Payload> dictionaries() {
        Arbitrary<byte[]> deviceValue = Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(40)
                .injectNull(0.5);
        Arbitrary<String> key = Arbitraries.strings().withCharRange('a', 'z').withCharRange('A', 'Z')
                .withCharRange('0', '9').withChars('_', '-', '.').ofMinLength(1).ofMaxLength(53)
                .filter(k -> !RESERVED_KEYS.contains(k));
        // Userdata values are what a user wrote to configfs: one line of any text.
        Arbitrary<String> value = Arbitraries.strings().all().excludeChars('\n', '\0').ofMinLength(1).ofMaxLength(60)
                .filter(v -> v.getBytes(StandardCharsets.UTF_8).length <= 200)
                .map(v -> new String(v.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
        Arbitrary<List<KeyValue>> userdata = Combinators.combine(key, value).as(KeyValue::new).list().ofMaxSize(4);
        Arbitrary<Integer> cpu = Arbitraries.integers().between(0, 8191).injectNull(0.4);
        Arbitrary<String> task = Arbitraries.strings().withCharRange('a', 'z').withChars(' ', '/', ':', '-', '=')
                .ofMinLength(1).ofMaxLength(15).injectNull(0.4);
        Arbitrary<String> rel = Arbitraries.of("6.14.0", "7.3.4+deb13-amd64").injectNull(0.5);
        Arbitrary<Long> msgid = Arbitraries.longs().between(0, 0xffff_ffffL).injectNull(0.4);
        return Combinators.combine(deviceValue, deviceValue, userdata, cpu, task, rel, msgid)
                .as((sub, dev, ud, c, tn, r, id) -> {
                    KernelWire.Payload p = new KernelWire.Payload();
                    p.subsystem = sub;
                    p.device = dev;
                    p.userdata = ud;
                    p.cpu = c;
                    p.taskname = tn;
                    p.release = r;
                    p.msgid = id;
                    return p;
                });
    }

    // ---- robustness ------------------------------------------------------------------------

    /** One datagram of a noisy stream: which of three sources sent it, and how much later. */
    record Sent(int source, byte[] datagram, int delayMillis) {
        @Override
        public String toString() {
            return source + "+" + delayMillis + "ms:" + new String(datagram, StandardCharsets.ISO_8859_1);
        }
    }

    @Property(tries = 500)
    void arbitraryDatagramsNeverEscapeTheDecoderAndAreAllAccountedFor(
            @ForAll @Size(min = 1, max = 60) List<@From("noise") Sent> stream, @ForAll boolean expireBetween) {
        runAndCheck(stream, expireBetween, DecoderLimits.defaults());
        // The generator must keep reaching the interesting paths, or this property proves little.
        Statistics.label("fragmented_messages").coverage(c -> c.check(true).percentage(p -> p >= 5));
        Statistics.label("fragment_duplicates").coverage(c -> c.check(true).percentage(p -> p >= 5));
        Statistics.label("source_resets").coverage(c -> c.check(true).percentage(p -> p >= 5));
        Statistics.label("out_of_order").coverage(c -> c.check(true).percentage(p -> p >= 5));
        Statistics.label("continuations_merged").coverage(c -> c.check(true).percentage(p -> p >= 2));
        Statistics.label("legacy_lines").coverage(c -> c.check(true).percentage(p -> p >= 20));
        Statistics.label("header_number_out_of_range").coverage(c -> c.check(true).percentage(p -> p >= 5));
    }

    @Property(tries = 300)
    void tightLimitsStillAccountForEverything(
            @ForAll @Size(min = 1, max = 60) List<@From("noise") Sent> stream, @ForAll boolean expireBetween,
            @ForAll @IntRange(min = 1, max = 3) int assembliesPerSource,
            @ForAll @IntRange(min = 1, max = 40) int maxAssemblyBytes,
            @ForAll @IntRange(min = 1, max = 30) int maxLineBytes) {
        DecoderLimits limits = DecoderLimits.defaults().withMaxMessageBytes(24)
                .withMaxAssemblies(assembliesPerSource, maxAssemblyBytes)
                .withMaxLegacyLineBytes(maxLineBytes)
                .withMaxSources(2);
        runAndCheck(stream, expireBetween, limits);
    }

    @Property(tries = 300)
    void mutatedKernelDatagramsNeverEscapeTheDecoderAndAreAllAccountedFor(
            @ForAll("plainMessages") Scenario a, @ForAll("dictionaryMessages") Scenario b,
            @ForAll @Size(max = 12) List<@IntRange(max = 100_000) Integer> mutationSeeds,
            @ForAll @Size(max = 12) List<@IntRange(max = 255) Integer> values,
            @ForAll boolean expireBetween) {
        List<byte[]> datagrams = new ArrayList<>();
        for (Scenario s : List.of(a, b)) {
            List<byte[]> f = s.fragments();
            s.delivery.forEach(i -> datagrams.add(f.get(i).clone()));
        }
        for (int i = 0; i < mutationSeeds.size(); i++) {
            int seed = mutationSeeds.get(i);
            int which = seed % datagrams.size();
            byte[] d = datagrams.get(which);
            int at = d.length == 0 ? 0 : (seed / 7) % d.length;
            switch (seed % 3) {
                case 0: // truncate, as a short read or a cut-off datagram would
                    datagrams.set(which, java.util.Arrays.copyOf(d, at));
                    break;
                case 1: // flip a byte
                    if (d.length > 0) {
                        d[at] = (byte) (values.isEmpty() ? seed / 13 : values.get(i % values.size()));
                    }
                    break;
                default: // deliver a copy somewhere else
                    datagrams.add((seed / 11) % (datagrams.size() + 1), d.clone());
                    break;
            }
        }
        List<Sent> stream = new ArrayList<>();
        for (byte[] d : datagrams) {
            stream.add(new Sent(0, d, 1));
        }
        runAndCheck(stream, expireBetween, DecoderLimits.defaults());
    }

    private static void runAndCheck(List<Sent> stream, boolean expireBetween, DecoderLimits limits) {
        DecodeAccounting run = new DecodeAccounting(limits);
        long t = 0;
        for (Sent s : stream) {
            t += s.delayMillis();
            run.send(new InetSocketAddress("10.9.0." + (s.source() + 1), 6665), s.datagram(), t);
            if (expireBetween) {
                run.expire(t);
            }
        }
        run.finishAndCheck(t);
        DecodeCounters c = run.h.counters;
        for (DecodeCounter counter : new DecodeCounter[] {DecodeCounter.FRAGMENTED_MESSAGES,
                DecodeCounter.INCOMPLETE_MESSAGES, DecodeCounter.FRAGMENT_DUPLICATES, DecodeCounter.DUPLICATE_MESSAGES,
                DecodeCounter.FRAGMENT_HEADER_CHANGES, DecodeCounter.SOURCE_RESETS, DecodeCounter.OUT_OF_ORDER,
                DecodeCounter.CONTINUATIONS_MERGED, DecodeCounter.LEGACY_LINES, DecodeCounter.LOST_MESSAGES,
                DecodeCounter.ASSEMBLIES_EVICTED}) {
            Statistics.label(counter.metricName()).collect(c.get(counter) > 0);
        }
        for (MalformedReason reason : MalformedReason.values()) {
            Statistics.label(reason.label()).collect(c.malformedCount(reason) > 0);
        }
    }

    private static final String[] RELEASES = {"", "", "", "6.4.0,", "7.3.4+deb13-amd64,", "a b.c,", "1.2,",
        "x".repeat(70) + ".1,"};
    private static final String[] PREFIXES = {"6", "6", "0", "12", "165", "2047", "2048", "", "-1", "a",
        "1234567890123456789012345"};
    private static final String[] SEQS = {"0", "1", "1", "2", "3", "5", "416", "9223372036854775807",
        "9223372036854775808", "1234567890123456789012345", "", "x"};
    private static final String[] TIMES = {"0", "100", "100", "200", "1758426", "9223372036854775807",
        "99999999999999999999", ""};
    private static final String[] FLAGS = {"-", "-", "-", "c", "+", "x", "", "--"};
    private static final String[] FRAGS = {"", "", ",ncfrag=0/10", ",ncfrag=5/10", ",ncfrag=3/10", ",ncfrag=0/4",
        ",ncfrag=2/4", ",ncfrag=0/0", ",ncfrag=-1/5", ",ncfrag=1/", ",ncfrag=/5", ",ncfrag=10/10", ",ncfrag=0/999999",
        ",ncfrag=0/5,ncfrag=0/5", ",ncfrag=99999999999999999999/5", ",ncfrag=0/99999999999999999999"};
    private static final String[] EXTRAS = {"", "", ",ncemg=1", ",foo", ",=,", ","};
    private static final String[] BODY_TOKENS = {"abcde", "a", "\\xe2\\x82", "\\xac", "\\x", "\\x4", "\\", "\\xZZ",
        "\n", "\n cpu=1", "\n msgid=2", "\n taskname=a", "\n SUBSYSTEM=pci", "\n DEVICE=+pci:0", "\n foo=bar", "\r",
        "\n", "[    1.000000] ", "[1.5]", ",", ";", "6,1,2,-;", "\u00e9", "\u20ac"};

    @Provide
    Arbitrary<Sent> noise() {
        Arbitrary<String> body = Arbitraries.of(BODY_TOKENS).list().ofMaxSize(6).map(l -> String.join("", l));
        Arbitrary<byte[]> headerish = Combinators.combine(Arbitraries.of(RELEASES), Arbitraries.of(PREFIXES),
                        Arbitraries.of(SEQS), Arbitraries.of(TIMES), Arbitraries.of(FLAGS), Arbitraries.of(FRAGS),
                        Arbitraries.of(EXTRAS), body)
                .as((r, p, s, t, f, fr, x, b) -> KernelWire.utf8(r + p + "," + s + "," + t + "," + f + fr + x + ";" + b));
        Arbitrary<byte[]> soup = Arbitraries.of(BODY_TOKENS).list().ofMaxSize(12)
                .map(l -> KernelWire.utf8(String.join("", l)));
        Arbitrary<byte[]> raw = Arbitraries.bytes().array(byte[].class).ofMaxSize(1100);
        Arbitrary<byte[]> datagram = Arbitraries.frequencyOf(Tuple.of(6, plausible()), Tuple.of(3, headerish),
                Tuple.of(2, soup), Tuple.of(1, raw));
        return Combinators.combine(Arbitraries.integers().between(0, 2), datagram,
                        Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.integers().between(0, 20)),
                                Tuple.of(1, Arbitraries.integers().between(0, 6_000))))
                .as(Sent::new);
    }

    /**
     * Valid headers over a few seqs, so that copies, late arrivals, restarts, continuations and
     * fragments of the same messages meet. A fragment carries bytes {@code [off, off+len)} of one
     * fixed payload, so equal ranges are copies and different overlapping ranges are overlaps.
     */
    private static Arbitrary<byte[]> plausible() {
        String canon = "\\xe2\\x82\\xac ok\n cpu=1\n";
        Arbitrary<String> fragment = Combinators.combine(Arbitraries.of(4, 6, 10, canon.length()),
                        Arbitraries.of(0, 0, 2, 3, 5), Arbitraries.integers().between(1, 10))
                .as((total, off, len) -> off >= total ? "" : ",ncfrag=" + off + "/" + total + ";"
                        + canon.substring(off, Math.min(total, off + len)));
        Arbitrary<String> whole = Arbitraries.of(BODY_TOKENS).list().ofMaxSize(4).map(l -> ";" + String.join("", l));
        return Combinators.combine(Arbitraries.of("", "", "6.4.0,"), Arbitraries.of("6", "12", "165"),
                        Arbitraries.integers().between(0, 6), Arbitraries.frequency(Tuple.of(9, true), Tuple.of(1, false)),
                        Arbitraries.of("-", "-", "-", "c", "+"), Arbitraries.of("", "", ",ncemg=1"),
                        Arbitraries.frequencyOf(Tuple.of(1, fragment), Tuple.of(1, whole)))
                .as((rel, prefix, seq, tsFollowsSeq, flag, extra, rest) -> KernelWire.utf8(rel + prefix + "," + seq + ","
                        + (tsFollowsSeq ? seq * 100 : 0) + "," + flag + extra
                        + (rest.startsWith(";") ? rest : rest.isEmpty() ? ";" : rest)));
    }

    // ---- legacy ----------------------------------------------------------------------------

    /** A console line: optional printk time stamp, then text without newline. */
    record Line(long micros, byte[] text) {
        byte[] bytes() {
            String prefix = micros < 0 ? "" : String.format("[%5d.%06d] ", micros / 1_000_000, micros % 1_000_000);
            return KernelWire.concat(KernelWire.ascii(prefix), KernelWire.concat(text, new byte[] {'\n'}));
        }

        @Override
        public String toString() {
            return new String(bytes(), StandardCharsets.ISO_8859_1);
        }
    }

    @Property(tries = 300)
    void consoleOutputCutInto1000ByteDatagramsComesBackOneRecordPerLine(@ForAll("lines") List<Line> lines) {
        checkLegacy(lines, List.of(1000));
    }

    @Property(tries = 300)
    void consoleOutputCutAnywhereComesBackOneRecordPerLine(
            @ForAll("lines") List<Line> lines,
            @ForAll @Size(min = 1, max = 20) List<@IntRange(min = 1, max = 1500) Integer> chunkSizes) {
        checkLegacy(lines, chunkSizes);
    }

    private static void checkLegacy(List<Line> lines, List<Integer> chunkSizes) {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        lines.forEach(l -> console.writeBytes(l.bytes()));
        byte[] all = console.toByteArray();
        // Chunks and, for each line, how many chunks hold some of its bytes (its newline included).
        List<int[]> chunks = new ArrayList<>();
        for (int p = 0, i = 0; p < all.length; i++) {
            int n = Math.min(chunkSizes.get(i % chunkSizes.size()), all.length - p);
            chunks.add(new int[] {p, p + n});
            p += n;
        }
        ExtendedHeaderParser parser = new ExtendedHeaderParser(DecoderLimits.defaults().maxMessageBytes());
        for (int[] c : chunks) {
            // A chunk that starts with a whole extended header is ambiguous by nature (the decoder
            // keeps no per-source format); real console text practically never does.
            Assume.that(parser.parse(all, c[0], c[1] - c[0], new ExtendedHeader()) == HeaderParse.LEGACY);
        }

        DecoderHarness h = new DecoderHarness();
        for (int i = 0; i < chunks.size(); i++) {
            int[] c = chunks.get(i);
            h.sendBytes(SOURCE, java.util.Arrays.copyOfRange(all, c[0], c[1]), i);
        }
        assertThat(h.counters.get(DecodeCounter.LEGACY_PARTIAL_FLUSHES)).isZero();
        h.expire(chunks.size() + 10_000).flush(chunks.size() + 10_000);

        assertThat(h.out).hasSameSizeAs(lines);
        int lineStart = 0;
        for (int i = 0; i < lines.size(); i++) {
            Line line = lines.get(i);
            KernelMessage r = (KernelMessage) h.out.get(i);
            int newline = lineStart + line.bytes().length - 1;
            int first = lineStart;
            long spanned = chunks.stream().filter(c -> c[1] > first && c[0] <= newline).count();
            assertThat(r.format()).isEqualTo(Format.LEGACY);
            assertThat(r.message()).isEqualTo(new String(line.text(), StandardCharsets.UTF_8));
            assertThat(r.kernelTsUs()).isEqualTo(line.micros() < 0 ? null : line.micros());
            assertThat(r.incomplete()).isFalse();
            assertThat(r.fragments()).as("datagrams of line %d", i).isEqualTo(spanned);
            lineStart = newline + 1;
        }
        assertThat(h.counters.malformedTotal()).isZero();
    }

    @Provide
    Arbitrary<List<Line>> lines() {
        Arbitrary<Long> micros = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.longs().between(0, 99_999_999_999L)), Tuple.of(1, Arbitraries.just(-1L)));
        Arbitrary<byte[]> text = Arbitraries.oneOf(
                Arbitraries.strings().all().excludeChars('\n', '\r').ofMinLength(1).ofMaxLength(800)
                        .map(KernelWire::utf8),
                Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(3000)
                        .map(b -> {
                            for (int i = 0; i < b.length; i++) {
                                if (b[i] == '\n' || b[i] == '\r') {
                                    b[i] = '.';
                                }
                            }
                            return b;
                        }));
        return Combinators.combine(micros, text).as(Line::new)
                // Text of a line without time stamp must not itself start like one.
                .filter(l -> l.micros() >= 0 || l.text()[0] != '[')
                .list().ofMinSize(1).ofMaxSize(8);
    }
}
