package dev.ncbridge.sink.syslog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ncbridge.ingest.record.Record;
import dev.ncbridge.ingest.testing.Records;
import dev.ncbridge.sink.Overflow;
import dev.ncbridge.sink.RejectHandler;
import dev.ncbridge.sink.RunnerSettings;
import dev.ncbridge.sink.SinkRunner;
import dev.ncbridge.ingest.testing.RealServers;
import dev.ncbridge.sink.syslog.testing.Received;
import dev.ncbridge.sink.syslog.testing.Rsyslog;
import dev.ncbridge.sink.syslog.testing.Rsyslog.Listener;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * rsyslog restarted (SIGTERM, start again) while records stream to it over TCP, through the
 * runner with {@code overflow: block}: with replay every record arrives; without it, the records
 * rsyslog had not read when it stopped are lost although their writes succeeded. The loss without
 * replay is measured and printed, not asserted: it depends on timing.
 */
class SyslogRestartIT {
    private static final int RECORDS = 20_000;
    private static final int RESTARTS = 3;
    private static final Pattern SEQ = Pattern.compile("seq=\"(\\d+)\"");
    @RegisterExtension
    static final RealServers SERVERS = new RealServers();
    private static Rsyslog rsyslog;

    @BeforeAll
    static void startRsyslog() {
        rsyslog = SERVERS.start(Rsyslog::start);
    }

    @Test
    void withReplayNothingIsLostWhenRsyslogRestartsMidStream() throws Exception {
        Run without = stream("no-replay", ", replay_window: 0s");
        Run defaults = stream("replay-default", "");
        for (Run run : new Run[] {without, defaults}) {
            System.err.printf("rsyslog restarted %d times during %d records over TCP, %s: %d lost, %d duplicates"
                            + " (%.0f records sent again, %.0f connections lost)%n", RESTARTS, RECORDS, run.name,
                    RECORDS - run.distinct, run.duplicates, run.replayed, run.disconnects);
        }
        assertThat(defaults.distinct).as("distinct seq delivered with the default replay").isEqualTo(RECORDS);
        assertThat(defaults.disconnects).isGreaterThanOrEqualTo(RESTARTS);
        assertThat(without.replayed).isZero();
    }

    /** What arrived from one run. */
    private record Run(String name, int distinct, int duplicates, double replayed, double disconnects) {
    }

    private static Run stream(String host, String keys) throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        var sink = new SyslogSinkProvider().create(new dev.ncbridge.sink.SinkContext("s", Fixtures.sinkSection(
                "sinks:\n  s: {type: syslog, address: \"127.0.0.1:" + rsyslog.port(Listener.TCP) + "\"" + keys + "}\n"),
                dev.ncbridge.sink.encode.RecordEncoder.forName("json"), registry, System.out));
        RunnerSettings settings = new RunnerSettings("syslog", null, null, 1000, null, Overflow.BLOCK, null,
                new RunnerSettings.Batching(100, null, Duration.ofMillis(5)),
                new RunnerSettings.Retry(Duration.ofMillis(50), Duration.ofMillis(500), 0), null);
        SinkRunner runner = new SinkRunner("s", sink, settings, registry, RejectHandler.NONE);
        runner.start();
        AtomicReference<Throwable> producerFailure = new AtomicReference<>();
        Thread producer = new Thread(() -> {
            try {
                for (int i = 0; i < RECORDS; i++) {
                    assertThat(runner.offer(record(host, i))).isTrue();
                    if (i % 100 == 99) {
                        // About 10,000 records a second, so the restarts fall mid-stream.
                        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
                    }
                }
            } catch (Throwable t) {
                producerFailure.set(t);
            }
        }, "producer-" + host);
        producer.start();
        for (int restart = 1; restart <= RESTARTS; restart++) {
            int threshold = RECORDS * restart / (RESTARTS + 1);
            // By what the sink has written, not by what rsyslog has filed: on a busy machine rsyslog's file lags
            // behind, and a restart after the sink's last write would break no connection that it notices.
            await().atMost(Duration.ofSeconds(120))
                    .until(() -> registry.counter("ncbridge.sink.records.sent", "sink", "s").count() >= threshold);
            rsyslog.restart();
        }
        producer.join(TimeUnit.MINUTES.toMillis(2));
        assertThat(producerFailure.get()).isNull();
        // Wait for everything, or (without replay) until nothing more arrives.
        int[] last = {-1};
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).until(() -> {
            int n = received(host).size();
            boolean settled = n == last[0] || distinct(host).size() == RECORDS;
            last[0] = n;
            return settled;
        });
        double replayed = registry.get("ncbridge.syslog.replayed").counter().count();
        double disconnects = registry.get("ncbridge.syslog.disconnects").counter().count();
        runner.close(Duration.ofSeconds(10));
        int all = received(host).size();
        Set<Long> seqs = distinct(host);
        return new Run(host, seqs.size(), all - seqs.size(), replayed, disconnects);
    }

    private static Record record(String host, int seq) {
        return Records.sysdata("message number " + seq).hostName(host).seq(seq)
                .receivedAtNanos(System.currentTimeMillis() * 1_000_000L).build();
    }

    private static java.util.List<Received> received(String host) {
        return rsyslog.received(Listener.TCP).stream().filter(r -> r.hostname().equals(host)).toList();
    }

    private static Set<Long> distinct(String host) {
        return received(host).stream().map(r -> {
            Matcher m = SEQ.matcher(r.structuredData());
            assertThat(m.find()).isTrue();
            return Long.parseLong(m.group(1));
        }).collect(Collectors.toCollection(TreeSet::new));
    }
}
