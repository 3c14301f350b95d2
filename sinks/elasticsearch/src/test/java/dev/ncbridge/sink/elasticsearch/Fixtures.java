package dev.ncbridge.sink.elasticsearch;

import dev.ncbridge.config.ConfigLoader;
import dev.ncbridge.config.ConfigSection;
import dev.ncbridge.config.Substitution;
import dev.ncbridge.ingest.record.ContinuationFlag;
import dev.ncbridge.ingest.record.EventType;
import dev.ncbridge.ingest.record.KeyValue;
import dev.ncbridge.ingest.record.Record;
import dev.ncbridge.ingest.testing.Records;
import dev.ncbridge.sink.RunnerSettings;
import dev.ncbridge.sink.encode.RecordEncoder;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;

/** What the Elasticsearch sink tests share: configuration sections, options and records. */
final class Fixtures {
    static final String T0 = "2026-11-21T10:15:30.123456Z";
    static final long T0_NANOS = nanos(T0) + 789;

    private Fixtures() {
    }

    /** Sink {@code es} of a configuration file {@code t.yaml} with this text, without the runner's keys. */
    static ConfigSection sinkSection(String yaml) {
        return new ConfigLoader(new Substitution(k -> null)).load("t.yaml", yaml).sinks().get("es")
                .without(RunnerSettings.KEYS);
    }

    /** The options of {@code sinks: {es: {type: elasticsearch, <keys>}}}, as JSON-encoded sinks have them. */
    static ElasticsearchOptions options(String keys) {
        return ElasticsearchOptions.from(sinkSection("sinks:\n  es: {type: elasticsearch, " + keys + "}\n"),
                RecordEncoder.forName("json"));
    }

    static ElasticsearchSink sink(String keys) {
        return sink(keys, new SimpleMeterRegistry());
    }

    static ElasticsearchSink sink(String keys, MeterRegistry registry) {
        return new ElasticsearchSink("es", options(keys), RecordEncoder.forName("json"), registry);
    }

    /** An extended message with every field the json encoding has (docs/encodings.md). */
    static Records.MessageBuilder full(String host, long seq) {
        return Records.extended()
                .receivedAtNanos(T0_NANOS)
                .message("BUG: unable to handle page fault, seq " + seq)
                .source(new InetSocketAddress("10.0.0.5", 6665))
                .hostName(host)
                .level(3)
                .facility(0)
                .seq(seq)
                .kernelTsUs(22085407756L)
                .cont(ContinuationFlag.NONE)
                .release("6.14.0")
                .msgid(12)
                .cpu(42)
                .taskname("echo")
                .fragments(3)
                .incomplete(true)
                .truncated(true)
                .subsystem("pci")
                .device("+pci:0000:00:1f.2")
                .userdata(List.of(new KeyValue("foo", "bar"), new KeyValue("rack", "r1"), new KeyValue("rack", "r2")));
    }

    /** A loss event, with every detail a loss has. */
    static Record loss(String host) {
        return Records.event(EventType.LOSS).put("counter", "seq").put("first", 5).put("last", 7).put("missing", 3)
                .receivedAtNanos(T0_NANOS)
                .message("3 messages lost from " + host)
                .hostName(host)
                .build();
    }

    /** A reset event, with every detail a reset has. */
    static Record reset(String host) {
        return Records.event(EventType.SOURCE_RESET).put("cause", "restart").put("previous_seq", 900)
                .put("previous_kernel_ts_us", 1000).put("seq", 0).put("kernel_ts_us", 10)
                .receivedAtNanos(T0_NANOS)
                .message("kernel of " + host + " restarted")
                .hostName(host)
                .build();
    }

    static long nanos(String instant) {
        Instant at = Instant.parse(instant);
        return at.getEpochSecond() * 1_000_000_000L + at.getNano();
    }
}
