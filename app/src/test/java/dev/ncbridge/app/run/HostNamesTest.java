package dev.ncbridge.app.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ncbridge.config.ConfigException;
import dev.ncbridge.config.ConfigProblem;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostNamesTest {
    @Test
    void theNamesFileMapsAddressesToNames(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("hosts");
        Files.writeString(file, "# fleet\n10.0.0.5 web-42\n\n2001:db8::7   db-7   # primary\n");
        Map<InetAddress, String> names = HostNames.readFile(file);
        try (HostNames h = new HostNames(names, false, 100)) {
            assertThat(h.nameOf(new InetSocketAddress("10.0.0.5", 6665))).isEqualTo("web-42");
            assertThat(h.nameOf(new InetSocketAddress("2001:db8:0::7", 6665))).isEqualTo("db-7");
            assertThat(h.nameOf(new InetSocketAddress("10.0.0.6", 6665))).isEqualTo("10.0.0.6");
        }
    }

    @Test
    void anAddressWithoutAPtrRecordHasNoNameWhateverItsScope() throws Exception {
        byte[] linkLocal = InetAddress.getByName("fe80::7").getAddress();
        // A link-local sender keeps its scope (SenderAddress); the JDK's answer, the bare address, has none.
        assertThat(HostNames.ptr(Inet6Address.getByAddress(null, linkLocal, 2))).isNull();
        assertThat(HostNames.ptr(InetAddress.getByName("2001:db8::7"))).isNull();
    }

    @Test
    void badLinesAreReportedWithTheirNumbers(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("hosts");
        Files.writeString(file, "10.0.0.5 web-42\nweb-43 10.0.0.6\n10.0.0.300 x\n10.0.0.7\n");
        assertThatThrownBy(() -> HostNames.readFile(file))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                        .extracting(ConfigProblem::line).containsExactly(2, 3, 4));
    }

    @Test
    void reverseDnsAnswersLaterAndBumpsTheVersion() throws Exception {
        try (HostNames h = new HostNames(Map.of(), true, 100)) {
            InetSocketAddress loopback = new InetSocketAddress("127.0.0.1", 6665);
            String expected = InetAddress.getByName("127.0.0.1").getCanonicalHostName();
            long before = h.version();
            assertThat(h.nameOf(loopback)).isEqualTo("127.0.0.1");
            await().until(() -> h.nameOf(loopback).equals(expected));
            if (!expected.equals("127.0.0.1")) {
                assertThat(h.version()).isGreaterThan(before);
            }
        }
    }

    /** A resolver that answers {@code host-<last byte>} once let go, counting the lookups. */
    private static final class SlowResolver implements Function<InetAddress, String> {
        final AtomicInteger lookups = new AtomicInteger();
        volatile CountDownLatch go = new CountDownLatch(1);

        @Override
        public String apply(InetAddress address) {
            try {
                go.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            lookups.incrementAndGet();
            return "host-" + Byte.toUnsignedInt(address.getAddress()[3]) + "-" + Byte.toUnsignedInt(address.getAddress()[2]);
        }
    }

    private static InetSocketAddress address(int n) {
        return new InetSocketAddress("10.9." + (n >> 8) + "." + (n & 0xff), 6665);
    }

    @Test
    void lookupsBeyondThePendingCapAreSkippedCountedAndAskedForAgainLater() {
        SlowResolver resolver = new SlowResolver();
        try (HostNames h = new HostNames(Map.of(), true, 10_000, resolver)) {
            int asked = HostNames.MAX_PENDING + 50;
            for (int n = 0; n < asked; n++) {
                assertThat(h.nameOf(address(n))).isEqualTo(address(n).getAddress().getHostAddress());
            }
            assertThat(h.skipped()).isEqualTo(50);

            resolver.go.countDown();
            await().until(() -> resolver.lookups.get() == HostNames.MAX_PENDING);
            InetSocketAddress skippedOne = address(asked - 1);
            assertThat(h.nameOf(skippedOne)).as("not looked up yet").isEqualTo("10.9.4.49");
            await().until(() -> h.nameOf(skippedOne).equals("host-49-4"));
            assertThat(h.nameOf(address(0))).isEqualTo("host-0-0");
        }
    }

    @Test
    void theAnswerCacheKeepsAtMostItsLimit() {
        SlowResolver resolver = new SlowResolver();
        resolver.go.countDown();
        try (HostNames h = new HostNames(Map.of(), true, 10, resolver)) {
            for (int n = 0; n < 100; n++) {
                h.nameOf(address(n));
            }
            await().until(() -> resolver.lookups.get() == 100);
            // Hold further lookups back, so that asking below does not refill the cache meanwhile.
            resolver.go = new CountDownLatch(1);
            long cached = IntStream.range(0, 100).filter(n -> h.nameOf(address(n)).startsWith("host-")).count();
            assertThat(cached).isBetween(1L, 10L);
            resolver.go.countDown();
        }
    }
}
