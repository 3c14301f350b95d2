package dev.ncbridge.app.liveness;

import static dev.ncbridge.ingest.testing.Records.atSecond;
import static dev.ncbridge.ingest.testing.Records.numbered;
import static dev.ncbridge.ingest.testing.Records.pinged;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ncbridge.ingest.record.KernelMessage;
import dev.ncbridge.ingest.record.Ping;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class PingRegistryTest {
    private static final KernelMessage FROM_WEB = numbered(1).source("10.0.0.5").receivedAtNanos(atSecond(1)).build()
            .withHostName("web-42");

    private static Ping ping(int n) {
        return new Ping("%032x".formatted(n), "udp", "target-%05d".formatted(n));
    }

    /** What one ping of {@link #ping} with one arrival from {@link #FROM_WEB} is estimated at. */
    private static long oneArrivalPing() {
        PingRegistry one = new PingRegistry(Long.MAX_VALUE);
        one.arrived(pinged(FROM_WEB, ping(1)));
        return one.bytes();
    }

    @Test
    void aFloodOfMadeUpNoncesStaysWithinTheBytesAndForgetsTheOldestFirst() {
        long each = oneArrivalPing();
        PingRegistry registry = new PingRegistry(100 * each);

        for (int n = 1; n <= 10_000; n++) {
            registry.arrived(pinged(FROM_WEB, ping(n)));
            assertThat(registry.bytes()).isLessThanOrEqualTo(100 * each);
        }

        assertThat(registry.evicted()).isEqualTo(10_000 - 100);
        assertThat(registry.find(ping(9_900).nonce())).isNull();
        assertThat(registry.find(ping(9_901).nonce())).isNotNull();
        assertThat(registry.find(ping(10_000).nonce()).arrivals()).hasSize(1);
    }

    @Test
    void aNonceKeepsItsFirstSixteenArrivalsAndTheirBytesCount() {
        PingRegistry registry = new PingRegistry(Long.MAX_VALUE);
        for (int port = 1; port <= 40; port++) {
            registry.arrived(pinged(numbered(1).source(new InetSocketAddress("10.0.0.5", port))
                    .receivedAtNanos(atSecond(1)).build(), ping(1)));
        }

        assertThat(registry.find(ping(1).nonce()).arrivals()).hasSize(PingRegistry.MAX_ARRIVALS)
                .extracting(PingRegistry.Arrival::port).startsWith(1, 2).endsWith(16);
        assertThat(registry.bytes()).isGreaterThan(PingRegistry.NONCE_BYTES + 16L * PingRegistry.ARRIVAL_BYTES);
    }

    @Test
    void forgettingANonceFreesAllItsArrivals() {
        PingRegistry many = new PingRegistry(Long.MAX_VALUE);
        for (int port = 1; port <= 16; port++) {
            many.arrived(pinged(numbered(1).source(new InetSocketAddress("10.0.0.5", port))
                    .receivedAtNanos(atSecond(1)).build(), ping(1)));
        }
        PingRegistry registry = new PingRegistry(many.bytes());
        for (int port = 1; port <= 16; port++) {
            registry.arrived(pinged(numbered(1).source(new InetSocketAddress("10.0.0.5", port))
                    .receivedAtNanos(atSecond(1)).build(), ping(1)));
        }

        registry.arrived(pinged(FROM_WEB, ping(2)));

        assertThat(registry.find(ping(1).nonce())).isNull();
        assertThat(registry.bytes()).isEqualTo(oneArrivalPing());
        assertThat(registry.evicted()).isOne();
    }
}
