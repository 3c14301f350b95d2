package dev.ncbridge.sink.kafka;

import dev.ncbridge.config.ConfigLoader;
import dev.ncbridge.config.ConfigSection;
import dev.ncbridge.config.Substitution;
import dev.ncbridge.sink.RunnerSettings;
import dev.ncbridge.sink.Sink;
import dev.ncbridge.sink.SinkContext;
import dev.ncbridge.sink.encode.RecordEncoder;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.OutputStream;

/** What the Kafka sink tests share: configuration sections and sinks. */
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
}
