package dev.ncbridge.sink.kafka;

import dev.ncbridge.config.ConfigLoader;
import dev.ncbridge.config.ConfigSection;
import dev.ncbridge.config.Substitution;
import dev.ncbridge.ingest.record.Record;
import dev.ncbridge.ingest.testing.Records;
import dev.ncbridge.sink.RunnerSettings;
import dev.ncbridge.sink.Sink;
import dev.ncbridge.sink.SinkContext;
import dev.ncbridge.sink.encode.RecordEncoder;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** What the Kafka sink tests share: configuration sections, sinks and records. */
final class Fixtures {
    private Fixtures() {
    }

    /** Sink {@code k} of a configuration file {@code t.yaml} with this text, without the runner's keys. */
    static ConfigSection sinkSection(String yaml) {
        return new ConfigLoader(new Substitution(k -> null)).load("t.yaml", yaml).sinks().get("k")
                .without(RunnerSettings.KEYS);
    }

    /** The options of a sink section {@code k} with these keys, given as YAML flow mapping content. */
    static KafkaOptions options(String keys) {
        return KafkaOptions.from(sinkSection("sinks:\n  k: {type: kafka, " + keys + "}\n"), "k");
    }

    /** A Kafka sink {@code k} made by its provider, as the bridge makes it. */
    static Sink sink(String keys, String format, MeterRegistry registry) {
        return new KafkaSinkProvider().create(new SinkContext("k",
                sinkSection("sinks:\n  k: {type: kafka, " + keys + "}\n"), RecordEncoder.forName(format), registry,
                OutputStream.nullOutputStream()));
    }

    /** An extended record from {@code host} at {@code ip}, received now. */
    static Record record(String host, String ip, long seq, int level, String message) {
        return Records.extended()
                .receivedAtNanos(System.currentTimeMillis() * 1_000_000L)
                .message(message)
                .source(new InetSocketAddress(ip, 6665))
                .hostName(host)
                .level(level)
                .facility(0)
                .seq(seq)
                .kernelTsUs(1000 + seq)
                .raw(("6," + seq + ",1000,-;" + message).getBytes(StandardCharsets.UTF_8))
                .build();
    }
}
