package dev.ncbridge.app.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ncbridge.config.ConfigException;
import dev.ncbridge.config.ConfigProblem;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
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
}
