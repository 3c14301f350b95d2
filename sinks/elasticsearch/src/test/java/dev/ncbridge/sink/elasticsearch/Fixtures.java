package dev.ncbridge.sink.elasticsearch;

import dev.ncbridge.config.ConfigLoader;
import dev.ncbridge.config.ConfigSection;
import dev.ncbridge.config.Substitution;
import dev.ncbridge.sink.RunnerSettings;
import dev.ncbridge.sink.encode.RecordEncoder;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** What the Elasticsearch sink tests share: configuration sections, options and sinks. */
final class Fixtures {
    /** The {@code @timestamp} of a record received at {@link dev.ncbridge.ingest.testing.Records#T0_NANOS}. */
    static final String T0 = "2026-11-21T10:15:30.123456Z";

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
}
