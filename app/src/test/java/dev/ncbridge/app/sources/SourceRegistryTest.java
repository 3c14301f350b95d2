package dev.ncbridge.app.sources;

import static dev.ncbridge.ingest.testing.Records.SECOND_ZERO;
import static dev.ncbridge.ingest.testing.Records.atSecond;
import static dev.ncbridge.ingest.testing.Records.lossOf;
import static dev.ncbridge.ingest.testing.Records.numbered;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ncbridge.ingest.record.EventType;
import dev.ncbridge.ingest.testing.Records;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;

class SourceRegistryTest {
    private static final InetSocketAddress WEB = new InetSocketAddress("10.0.0.5", 6665);

    private final SourceRegistry registry = new SourceRegistry();

    private SourceView only(SourceQuery query) {
        List<SourceView> found = registry.find(query);
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    @Test
    void countsMessagesEventsLossAndResets() {
        registry.observe(numbered(10).source(WEB).receivedAtNanos(atSecond(1)).build());
        registry.observe(lossOf("msgid", 11, 13).source(WEB).receivedAtNanos(atSecond(2)).build());
        registry.observe(numbered(14).source(WEB).receivedAtNanos(atSecond(2)).build());
        registry.observe(lossOf("msgid", 15, 15).source(WEB).receivedAtNanos(atSecond(3)).build());
        registry.observe(Records.event(EventType.SOURCE_RESET).put("previous_seq", 900)
                .put("previous_kernel_ts_us", 9_000_000).put("seq", 1).put("kernel_ts_us", 1000)
                .source(WEB).receivedAtNanos(atSecond(4)).build());
        registry.observe(Records.extended().source(WEB).message("back to 1").seq(1).kernelTsUs(1000)
                .hostName("web-42").receivedAtNanos(atSecond(4)).seqReset(true).release("6.14.0").build());
        registry.duplicateDropped(WEB);
        registry.duplicateDropped(new java.net.InetSocketAddress("10.9.9.9", 1));

        SourceView v = only(SourceQuery.parse("10.0.0.5:6665"));
        assertThat(v.address()).isEqualTo("10.0.0.5");
        assertThat(v.port()).isEqualTo(6665);
        assertThat(v.name()).isEqualTo("web-42");
        assertThat(v.format()).isEqualTo("extended");
        assertThat(v.firstSeen()).isEqualTo(SECOND_ZERO.plusSeconds(1));
        assertThat(v.lastSeen()).isEqualTo(SECOND_ZERO.plusSeconds(4));
        assertThat(v.messages()).isEqualTo(3);
        assertThat(v.events()).isEqualTo(3);
        assertThat(v.lostMessages()).isEqualTo(4);
        assertThat(v.gaps()).isEqualTo(2);
        assertThat(v.duplicates()).isEqualTo(1);
        assertThat(v.release()).isEqualTo("6.14.0");
        assertThat(v.resets()).isEqualTo(1);
        assertThat(v.lastSeq()).isEqualTo(1L);
        assertThat(v.lastKernelTsUs()).isEqualTo(1000L);
    }

    @Test
    void aLateMessageDoesNotMoveTheLastSequenceBack() {
        registry.observe(numbered(20).source(WEB).receivedAtNanos(atSecond(1)).build());
        registry.observe(Records.extended().source(WEB).message("message 18").seq(18).kernelTsUs(18_000)
                .receivedAtNanos(atSecond(2)).outOfOrder(true).build());

        SourceView v = only(SourceQuery.parse("10.0.0.5:6665"));
        assertThat(v.messages()).isEqualTo(2);
        assertThat(v.lastSeq()).isEqualTo(20L);
        assertThat(v.lastKernelTsUs()).isEqualTo(20_000L);
        assertThat(v.lastSeen()).isEqualTo(SECOND_ZERO.plusSeconds(2));
    }

    @Test
    void legacySourcesHaveNoSequence() {
        registry.observe(Records.legacy().source(WEB).message("legacy line").kernelTsUs(1_500_000)
                .receivedAtNanos(atSecond(1)).build());

        SourceView v = only(SourceQuery.parse("10.0.0.5:6665"));
        assertThat(v.format()).isEqualTo("legacy");
        assertThat(v.lastSeq()).isNull();
        assertThat(v.lastKernelTsUs()).isEqualTo(1_500_000L);
        assertThat(v.name()).isEqualTo("10.0.0.5");
    }

    @Test
    void findsBySourceOrByAddress() {
        registry.observe(numbered(1).source(new InetSocketAddress("10.0.0.5", 6666)).receivedAtNanos(atSecond(1))
                .build());
        registry.observe(numbered(1).source(WEB).receivedAtNanos(atSecond(1)).build());
        registry.observe(numbered(1).source("10.0.0.10").receivedAtNanos(atSecond(1)).build());
        registry.observe(numbered(1).source("::1").receivedAtNanos(atSecond(1)).build());

        assertThat(registry.find(SourceQuery.parse("10.0.0.5"))).extracting(SourceView::port)
                .containsExactly(6665, 6666);
        assertThat(registry.find(SourceQuery.parse("10.0.0.5:6666"))).extracting(SourceView::port)
                .containsExactly(6666);
        assertThat(registry.find(SourceQuery.parse("[::1]:6665"))).hasSize(1);
        assertThat(registry.find(SourceQuery.parse("::1"))).hasSize(1);
        assertThat(registry.find(SourceQuery.parse("10.0.0.5:1"))).isEmpty();
        assertThat(registry.find(SourceQuery.parse("10.0.0.7"))).isEmpty();
        // Numeric order: 10.0.0.5 before 10.0.0.10, IPv4 before IPv6.
        assertThat(registry.snapshot()).extracting(v -> v.address() + " " + v.port()).containsExactly(
                "10.0.0.5 6665", "10.0.0.5 6666", "10.0.0.10 6665", "::1 6665");
    }

    @Test
    void forgetsWhatTheDecoderForgotAndNothingElse() {
        registry.observe(numbered(1).source("10.0.0.1").receivedAtNanos(atSecond(10)).build());
        registry.observe(numbered(1).source("10.0.0.2").receivedAtNanos(atSecond(20)).build());

        registry.forgotten(new InetSocketAddress("10.0.0.1", 6665), true);

        assertThat(registry.snapshot()).extracting(SourceView::address).containsExactly("10.0.0.2");
        // A source forgotten and heard from again starts afresh.
        registry.observe(numbered(7).source("10.0.0.1").receivedAtNanos(atSecond(30)).build());
        assertThat(registry.find(SourceQuery.parse("10.0.0.1:6665"))).singleElement()
                .satisfies(v -> assertThat(v.messages()).isEqualTo(1));
    }

    @Test
    void workersObservingTheirOwnSourcesConcurrentlyLoseNoCounts() throws Exception {
        int threads = 4;
        int sourcesPerThread = 8;
        int messagesPerSource = 5_000;
        CyclicBarrier start = new CyclicBarrier(threads);
        List<Thread> workers = new ArrayList<>();
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int t = 0; t < threads; t++) {
            int worker = t;
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                    for (int seq = 1; seq <= messagesPerSource; seq++) {
                        for (int s = 0; s < sourcesPerThread; s++) {
                            InetSocketAddress src = new InetSocketAddress("10.2." + worker + "." + s, 6665);
                            registry.observe(numbered(seq).source(src).receivedAtNanos(atSecond(seq)).build());
                            if (seq % 100 == 0) {
                                registry.observe(lossOf("msgid", 1, 2).source(src).receivedAtNanos(atSecond(seq))
                                        .build());
                            }
                        }
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            workers.add(thread);
            thread.start();
        }
        for (Thread thread : workers) {
            thread.join();
        }

        assertThat(failures).isEmpty();
        assertThat(registry.snapshot()).hasSize(threads * sourcesPerThread).allSatisfy(v -> {
            assertThat(v.messages()).isEqualTo(messagesPerSource);
            assertThat(v.events()).isEqualTo(messagesPerSource / 100);
            assertThat(v.lostMessages()).isEqualTo(2L * (messagesPerSource / 100));
            assertThat(v.lastSeq()).isEqualTo((long) messagesPerSource);
        });
    }
}
