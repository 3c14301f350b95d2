package dev.ncbridge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class UnitsTest {
    @Test
    void durations() {
        assertThat(Durations.parse("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(Durations.parse(" 10m ")).isEqualTo(Duration.ofMinutes(10));
        assertThat(Durations.parse("2d")).isEqualTo(Duration.ofDays(2));
        assertThatThrownBy(() -> Durations.parse("10")).hasMessageContaining("not a duration");
        assertThatThrownBy(() -> Durations.parse("-1s")).hasMessageContaining("not a duration");
    }

    @Test
    void sizes() {
        assertThat(DataSize.parse("512").bytes()).isEqualTo(512);
        assertThat(DataSize.parse("64KiB").bytes()).isEqualTo(65536);
        assertThat(DataSize.parse("8mib").bytes()).isEqualTo(8 << 20);
        assertThat(DataSize.parse("1GB").bytes()).isEqualTo(1_000_000_000L);
        assertThatThrownBy(() -> DataSize.parse("8 megs")).hasMessageContaining("not a size");
        assertThatThrownBy(() -> DataSize.parse("99999999999TiB")).hasMessageContaining("too large");
    }

    @Test
    void literalAddresses() {
        assertThat(SocketAddresses.parseLiteral("[::]:6666").getAddress().getHostAddress()).isEqualTo("0:0:0:0:0:0:0:0");
        assertThat(SocketAddresses.parseLiteral("10.1.2.3:514").getPort()).isEqualTo(514);
        assertThatThrownBy(() -> SocketAddresses.parseLiteral("10.1.2.3:99999")).hasMessageContaining("port");
        assertThatThrownBy(() -> SocketAddresses.parseLiteral("example.com:80")).hasMessageContaining("IP literal");
        assertThatThrownBy(() -> SocketAddresses.parseLiteral("6666")).hasMessageContaining("not an address");
    }
}
