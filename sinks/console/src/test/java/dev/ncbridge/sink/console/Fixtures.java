package dev.ncbridge.sink.console;

import dev.ncbridge.config.ConfigLoader;
import dev.ncbridge.config.ConfigSection;
import dev.ncbridge.config.Substitution;
import dev.ncbridge.ingest.record.Record;
import dev.ncbridge.ingest.testing.Records;
import dev.ncbridge.sink.RunnerSettings;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** What the sink tests share: configuration sections and records. */
final class Fixtures {
    static final String T0 = "2026-11-21T10:15:30Z";

    private Fixtures() {
    }

    /** Sink {@code f} of a configuration file {@code t.yaml} with this text, without the runner's keys. */
    static ConfigSection sinkSection(String yaml) {
        return new ConfigLoader(new Substitution(k -> null)).load("t.yaml", yaml).sinks().get("f")
                .without(RunnerSettings.KEYS);
    }

    /** A legacy record whose raw bytes are its message, so a raw-encoded line is {@code message + "\n"}. */
    static Record record(String host, String ip, String instant, String message) {
        Instant at = Instant.parse(instant);
        return Records.legacy()
                .receivedAtNanos(at.getEpochSecond() * 1_000_000_000L + at.getNano())
                .message(message)
                .source(new InetSocketAddress(ip, 6665))
                .hostName(host)
                .raw(message.getBytes(StandardCharsets.UTF_8))
                .build();
    }

    static Record record(String host, String message) {
        return record(host, "10.0.0.5", T0, message);
    }
}
