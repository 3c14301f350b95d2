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
        assertThat(Durations.parse("1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(Durations.parse("1m30s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Durations.parse("1h 0.5m 250ms")).isEqualTo(Duration.ofMillis(3_630_250));
        assertThat(Durations.parse("0.25ms")).isEqualTo(Duration.ofNanos(250_000));
        assertThat(Durations.format(Duration.ofSeconds(90))).isEqualTo("90s");
        assertThat(Durations.format(Duration.ofNanos(1_500_000))).isEqualTo("1.5ms");
        assertThatThrownBy(() -> Durations.parse("1.5")).hasMessageContaining("not a duration");
        assertThatThrownBy(() -> Durations.parse("1.s")).hasMessageContaining("not a duration");
        assertThatThrownBy(() -> Durations.parse("0.0000000001s")).hasMessageContaining("finer than a nanosecond");
        assertThatThrownBy(() -> Durations.parse("99999999999999999999d")).hasMessageContaining("at most 100 years");
        assertThatThrownBy(() -> Durations.parse("10")).hasMessageContaining("not a duration");
        assertThatThrownBy(() -> Durations.parse("-1s")).hasMessageContaining("not a duration");
    }

    @Test
    void sizes() {
        assertThat(DataSize.parse("512").bytes()).isEqualTo(512);
        assertThat(DataSize.parse("64KiB").bytes()).isEqualTo(65536);
        assertThat(DataSize.parse("8mib").bytes()).isEqualTo(8 << 20);
        assertThat(DataSize.parse("1GB").bytes()).isEqualTo(1_000_000_000L);
        assertThat(DataSize.parse("64KiB")).hasToString("64KiB");
        assertThat(DataSize.parse("3GiB")).hasToString("3GiB");
        assertThat(DataSize.parse("1MB")).hasToString("1000000");
        assertThat(DataSize.parse("0")).hasToString("0");
        assertThatThrownBy(() -> DataSize.parse("8 megs")).hasMessageContaining("not a size");
        assertThatThrownBy(() -> DataSize.parse("99999999999TiB")).hasMessageContaining("too large");
        assertThatThrownBy(() -> DataSize.parse("99999999999999999999")).hasMessage("\"99999999999999999999\" is too large");
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
