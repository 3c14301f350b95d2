package dev.ncbridge.ingest.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ncbridge.ingest.memory.MemoryBudgets;
import dev.ncbridge.ingest.record.EventType;
import dev.ncbridge.ingest.record.KernelMessage;
import dev.ncbridge.ingest.record.SourceEvent;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each bound of the decoder against the input that would break it, and the count it leaves. */
class HostileInputTest {
    private static final InetAddress EXPECTED = address("10.0.9.9");

    /** Remembers what the decoder forgot, and expects {@link #EXPECTED}. */
    private static final class Views implements SourceListener {
        final List<String> forgotten = new ArrayList<>();

        @Override
        public boolean expected(InetAddress address) {
            return address.equals(EXPECTED);
        }

        @Override
        public void forgotten(InetSocketAddress source, boolean lastOfAddress) {
            forgotten.add(source.getAddress().getHostAddress() + ":" + source.getPort() + (lastOfAddress ? " last" : ""));
        }
    }

    private static InetAddress address(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static InetSocketAddress source(String address, int port) {
        return new InetSocketAddress(address(address), port);
    }

    private static String msg(long seq, long tsUs, String text) {
        return "6," + seq + "," + tsUs + ",-;" + text + "\n";
    }

    private static DecoderHarness harness(DecoderLimits limits, Views views) {
        return new DecoderHarness(limits, MemoryBudgets.of(1 << 20, limits.maxAssemblyBytes(),
                limits.maxContinuationBytes(), limits.maxLegacyBytes(), limits.maxCrashBytes()), views);
    }

    // ---- sources ---------------------------------------------------------------------------

    @Test
    void oneAddressVaryingItsPortKeepsOnlyItsOwnBoundOfSources() {
        Views views = new Views();
        DecoderLimits limits = DecoderLimits.defaults().toBuilder().maxSources(100).maxSourcesPerAddress(4).build();
        DecoderHarness h = harness(limits, views);
        InetSocketAddress neighbour = source("10.0.1.1", 6665);
        h.send(neighbour, msg(1, 100, "neighbour"), 0);
        for (int port = 1; port <= 1000; port++) {
            h.send(source("10.0.0.66", port), msg(1, 100, "flood"), port);
        }
        assertThat(h.decoder.sourceCount()).isEqualTo(5);
        assertThat(h.counters.limitedCount(LimitReason.ADDRESS_LIMIT)).isEqualTo(996);
        assertThat(views.forgotten).hasSize(996).noneMatch(f -> f.startsWith("10.0.1.1"))
                .allMatch(f -> !f.endsWith("last"));
        // Every flood datagram was still decoded: a bound forgets state, never a message.
        assertThat(h.texts()).hasSize(1001);
    }

    @Test
    void aFloodOfNewSourcesChurnsProbationWhileSourcesWithTrafficStay() {
        Views views = new Views();
        DecoderLimits limits = DecoderLimits.defaults().toBuilder().maxSources(50).build();
        DecoderHarness h = harness(limits, views);
        List<InetSocketAddress> regulars = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            InetSocketAddress s = source("10.0.2." + i, 6665);
            regulars.add(s);
            h.send(s, msg(1, 100, "hello"), i).send(s, msg(2, 200, "again"), 100 + i);
        }
        for (int i = 0; i < 10_000; i++) {
            h.send(source("10.1." + (i / 250) + "." + (i % 250), 6665), msg(1, 100, "spoofed"), 1000 + i);
        }
        assertThat(h.decoder.sourceCount()).isEqualTo(50);
        for (InetSocketAddress s : regulars) {
            h.send(s, msg(3, 300, "still here"), 20_000);
        }
        assertThat(h.events(EventType.SOURCE_RESET)).as("no regular source lost its sequence state").isEmpty();
        assertThat(views.forgotten).noneMatch(f -> f.startsWith("10.0.2."));
        assertThat(h.counters.limitedCount(LimitReason.SOURCE_LIMIT)).isEqualTo(10_000 - 30);
    }

    @Test
    void expectedSourcesAreNeitherChurnedOutNorForgottenWhenIdle() {
        Views views = new Views();
        DecoderLimits limits = DecoderLimits.defaults().toBuilder().maxSources(10)
                .sourceIdleTimeout(Duration.ofMinutes(1)).build();
        DecoderHarness h = harness(limits, views);
        InetSocketAddress inventory = new InetSocketAddress(EXPECTED, 6665);
        h.send(inventory, msg(1, 100, "listed"), 0);
        for (int i = 0; i < 500; i++) {
            InetSocketAddress s = source("10.3." + (i / 250) + "." + (i % 250), 6665);
            h.send(s, msg(1, 100, "x"), i).send(s, msg(2, 200, "y"), i);
        }
        h.expire(Duration.ofHours(2).toMillis());
        assertThat(h.decoder.sourceCount()).isEqualTo(1);
        assertThat(views.forgotten).noneMatch(f -> f.startsWith("10.0.9.9"));
        h.send(inventory, msg(2, 200, "back"), Duration.ofHours(2).toMillis());
        assertThat(h.events(EventType.SOURCE_RESET)).isEmpty();
        assertThat(h.events(EventType.LOSS)).isEmpty();
    }

    @Test
    void idleSourcesAreForgottenAndTheViewsToldOnce() {
        Views views = new Views();
        DecoderHarness h = harness(DecoderLimits.defaults(), views);
        h.send(source("10.0.4.1", 1), msg(1, 100, "a"), 0).send(source("10.0.4.1", 2), msg(1, 100, "b"), 0);
        h.expire(Duration.ofHours(2).toMillis());
        assertThat(views.forgotten).containsExactlyInAnyOrder("10.0.4.1:1", "10.0.4.1:2 last");
    }

    @Test
    void aSourceOverItsRateLosesTheExcessCounted() {
        DecoderLimits limits = DecoderLimits.defaults().toBuilder().sourceRate(10).sourceBurst(5).build();
        DecoderHarness h = harness(limits, new Views());
        InetSocketAddress flooder = source("10.0.5.1", 6665);
        InetSocketAddress quiet = source("10.0.5.2", 6665);
        for (int i = 0; i < 100; i++) {
            h.send(flooder, msg(i, i * 100L, "flood " + i), 0);
        }
        h.send(quiet, msg(1, 100, "quiet"), 0);
        // A burst of five on top of the first, then nothing until time passes.
        assertThat(h.texts()).filteredOn(t -> t.startsWith("flood")).hasSize(6);
        assertThat(h.counters.limitedCount(LimitReason.RATE_LIMIT)).isEqualTo(94);
        assertThat(h.texts()).contains("quiet");
        h.send(flooder, msg(100, 10_000, "a second later"), 1000);
        assertThat(h.texts()).contains("a second later");
    }

    // ---- sequences -------------------------------------------------------------------------

    @Test
    void aSeqJumpToTheTopIsARestartNeverBillionsOfLostMessages() {
        DecoderHarness h = harness(DecoderLimits.defaults(), new Views());
        for (int round = 0; round < 2; round++) {
            long t = round * 10_000L;
            h.send(msg(1, 100, "real"), t)
                    .send(msg(Long.MAX_VALUE, 200, "forged"), t + 1)
                    .send(msg(2, 300, "real again"), t + 2)
                    .expire(t + 5000);
        }
        assertThat(h.counters.get(DecodeCounter.LOST_MESSAGES)).isZero();
        assertThat(h.events(EventType.LOSS)).isEmpty();
        assertThat(h.counters.limitedCount(LimitReason.SEQ_JUMP)).isEqualTo(2);
        List<SourceEvent> resets = h.events(EventType.SOURCE_RESET);
        assertThat(resets).extracting(r -> r.event().details().get("cause")).contains("seq_jump");
        assertThat(h.texts()).containsExactly("real", "forged", "real again", "real", "forged", "real again");
    }

    @Test
    void aMsgidJumpIsCountedAndOpensNoGap() {
        DecoderHarness h = harness(DecoderLimits.defaults(), new Views())
                .send("6,1,100,-;a\n msgid=1\n", 0)
                .send("6,2,200,-;b\n msgid=999999999999999999\n", 1)
                .expire(10_000);
        assertThat(h.counters.get(DecodeCounter.LOST_MESSAGES)).isZero();
        assertThat(h.counters.limitedCount(LimitReason.SEQ_JUMP)).isEqualTo(1);
    }

    @Test
    void aLargeButPlausibleGapIsStillLoss() {
        DecoderHarness h = harness(DecoderLimits.defaults(), new Views())
                .send(msg(1, 100, "a"), 0)
                .send(msg(500_001, 200, "b"), 1)
                .expire(10_000);
        assertThat(h.counters.get(DecodeCounter.LOST_MESSAGES)).isEqualTo(499_999);
        assertThat(h.counters.limitedCount(LimitReason.SEQ_JUMP)).isZero();
    }

    // ---- continuations ---------------------------------------------------------------------

    @Test
    void aContinuationRunIsCutAtMaxMessageAndMarkedTruncated() {
        DecoderLimits limits = DecoderLimits.defaults().toBuilder().maxMessageBytes(1024).build();
        DecoderHarness h = harness(limits, new Views()).send("6,1,100,c;" + "a".repeat(500), 0);
        for (int i = 2; i <= 5; i++) {
            h.send("6," + i + "," + i + "00,+;" + "b".repeat(300), i);
        }
        h.expire(10_000);
        List<KernelMessage> out = h.messages();
        assertThat(out.get(0).extended().truncated()).isTrue();
        assertThat(out.get(0).message()).hasSize(800);
        // Nothing lost: the pieces past the cut are records of their own.
        assertThat(out.stream().mapToInt(r -> r.message().length()).sum()).isEqualTo(500 + 4 * 300);
        assertThat(h.counters.limitedCount(LimitReason.CONTINUATION_SIZE)).isEqualTo(1);
        assertThat(h.decoder.budgets().continuations().used()).isZero();
    }

    @Test
    void aContinuationRunKeptAliveByTrickledPiecesIsCutAtItsMaxAge() {
        DecoderHarness h = harness(DecoderLimits.defaults(), new Views()).send("6,1,100,c;start", 0);
        for (int i = 1; i <= 20; i++) {
            h.send("6," + (i + 1) + "," + (i + 1) + "00,+; piece", i * 500L).expire(i * 500L);
        }
        KernelMessage first = h.messages().get(0);
        assertThat(first.extended().truncated()).isTrue();
        assertThat(first.receivedAtNanos()).isLessThanOrEqualTo(DecoderHarness.nanos(5000));
        assertThat(h.counters.limitedCount(LimitReason.CONTINUATION_AGE)).isEqualTo(1);
    }

    @Test
    void continuationRunsOfManySourcesShareOneMemoryBound() {
        DecoderLimits limits = DecoderLimits.defaults().toBuilder().maxContinuationBytes(4096).build();
        DecoderHarness h = harness(limits, new Views());
        for (int i = 0; i < 20; i++) {
            InetSocketAddress s = source("10.0.6." + i, 6665);
            h.send(s, "6,1,100,c;" + "x".repeat(300), i).send(s, "6,2,200,+;" + "y".repeat(300), i);
            assertThat(h.decoder.budgets().continuations().used()).isLessThanOrEqualTo(4096);
        }
        assertThat(h.counters.limitedCount(LimitReason.CONTINUATION_MEMORY)).isPositive();
        h.flush(100);
        assertThat(h.messages().stream().mapToInt(r -> r.message().length()).sum()).isEqualTo(20 * 600);
        assertThat(h.decoder.budgets().continuations().used()).isZero();
    }

    // ---- legacy lines and fragments ---------------------------------------------------------

    @Test
    void aLegacySourceHoldsNoBufferBetweenLines() {
        DecoderHarness h = harness(DecoderLimits.defaults(), new Views())
                .send("[ 1.0] half of a li", 0);
        assertThat(h.decoder.budgets().legacyLines().used()).isPositive();
        h.send("ne\n", 1);
        assertThat(h.texts()).containsExactly("half of a line");
        assertThat(h.decoder.budgets().legacyLines().used()).isZero();
    }

    @Test
    void partialLegacyLinesOfManySourcesShareOneMemoryBound() {
        DecoderLimits limits = DecoderLimits.defaults().toBuilder().maxLegacyBytes(2048).build();
        DecoderHarness h = harness(limits, new Views());
        for (int i = 0; i < 50; i++) {
            h.send(source("10.0.7." + i, 6665), "[ 1.0] " + "z".repeat(200), i);
            assertThat(h.decoder.budgets().legacyLines().used()).isLessThanOrEqualTo(2048);
        }
        assertThat(h.counters.limitedCount(LimitReason.LEGACY_MEMORY)).isPositive();
        h.flush(100);
        assertThat(h.texts()).hasSize(50).allMatch(t -> t.endsWith("z".repeat(200)));
        assertThat(h.decoder.budgets().legacyLines().used()).isZero();
    }

    @Test
    void fragmentTotalsFromManySourcesStayWithinTheSharedAssemblyMemory() {
        DecoderLimits limits = DecoderLimits.defaults().withMaxAssemblies(16, 64 * 1024);
        DecoderHarness h = harness(limits, new Views());
        for (int i = 0; i < 200; i++) {
            h.send(source("10.0.8." + i, 6665), "6,1,100,-,ncfrag=0/60000;x", i);
            assertThat(h.decoder.budgets().assemblies().used()).isLessThanOrEqualTo(64 * 1024);
        }
        assertThat(h.counters.limitedCount(LimitReason.ASSEMBLY_MEMORY)).isPositive();
        h.flush(1000);
        assertThat(h.decoder.budgets().assemblies().used()).isZero();
    }
}
