package dev.ncbridge.sink.kafka.testing;

import dev.ncbridge.ingest.testing.RequiredServer;
import java.util.Map;

/** Starts a {@link KafkaBroker} for a test, or fails (in CI) or skips it with the reason. */
public final class RequiredKafka {
    private RequiredKafka() {
    }

    public static KafkaBroker start() {
        return start(Map.of());
    }

    public static KafkaBroker start(Map<String, String> overrides) {
        try {
            return KafkaBroker.start(overrides);
        } catch (KafkaBroker.StartException e) {
            RequiredServer.unavailable("Kafka", e.getMessage());
            throw new AssertionError("unreachable");
        }
    }
}
