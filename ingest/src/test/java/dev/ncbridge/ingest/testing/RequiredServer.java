package dev.ncbridge.ingest.testing;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * What a test does when the real server it needs (Kafka, Elasticsearch, rsyslog) cannot be
 * started: in CI ({@code CI=true}) the test fails, because a skipped integration test there would
 * hide a broken sink; elsewhere it is skipped, with the reason printed so nobody mistakes a skip
 * for a pass.
 */
public final class RequiredServer {
    private RequiredServer() {
    }

    /** Fails (in CI) or aborts (elsewhere) the calling test; never returns normally. */
    public static void unavailable(String server, String reason) {
        String message = server + " could not be started, so this test cannot run: " + reason;
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail(message + " (CI=true: a test that needs a real server must not be skipped)");
        }
        System.err.println("SKIPPED: " + message);
        Assumptions.abort(message);
    }
}
