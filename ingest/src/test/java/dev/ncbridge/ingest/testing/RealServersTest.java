package dev.ncbridge.ingest.testing;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** A server that cannot start fails the test in CI and skips it elsewhere, with the reason. */
class RealServersTest {
    @Test
    void aServerThatCannotStartFailsInCiAndSkipsElsewhereWithTheReason() {
        boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
        RealServers servers = new RealServers();

        assertThatThrownBy(() -> servers.start(() -> {
            throw new ServerStartException("Kafka", "the broker exited with status 1");
        })).isInstanceOf(ci ? AssertionFailedError.class : TestAbortedException.class)
                .hasMessageContaining("Kafka could not be started")
                .hasMessageContaining("the broker exited with status 1");
    }
}
