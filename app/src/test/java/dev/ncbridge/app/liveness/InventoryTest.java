package dev.ncbridge.app.liveness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ncbridge.config.ConfigException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InventoryTest {
    @TempDir
    Path dir;

    private Inventory read(String text) throws Exception {
        Path file = Files.writeString(dir.resolve("hosts"), text);
        return Inventory.read(file, Duration.ofHours(1));
    }

    @Test
    void linesGiveAddressesAndOptionallyNamesAndTheirOwnSilence() throws Exception {
        Inventory inv = read("""
                # the fleet
                10.0.0.5 web-5
                10.0.0.6            # no name
                2001:db8::7 db-7 silent_after=2m
                10.0.0.8 silent_after=30s
                """);

        assertThat(inv.get(InetAddress.getByName("10.0.0.5")).name()).isEqualTo("web-5");
        assertThat(inv.get(InetAddress.getByName("10.0.0.6")).name()).isNull();
        assertThat(inv.get(InetAddress.getByName("2001:db8::7")).silentAfter()).isEqualTo(Duration.ofMinutes(2));
        assertThat(inv.get(InetAddress.getByName("10.0.0.8")).silentAfter()).isEqualTo(Duration.ofSeconds(30));
        assertThat(inv.get(InetAddress.getByName("10.0.0.8")).name()).isNull();
        assertThat(inv.names()).containsOnlyKeys(InetAddress.getByName("10.0.0.5"), InetAddress.getByName("2001:db8::7"));
    }

    @Test
    void everyBadLineIsReportedWithItsNumber() {
        assertThatThrownBy(() -> read("""
                10.0.0.5 web-5
                web-6
                10.0.0.7 a b c
                10.0.0.8 x silent_after=forever
                10.0.0.9 y silent_after=2h
                10.0.0.5 again
                """))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("hosts:2: expected \"address [name] [silent_after=DURATION]\"")
                .hasMessageContaining("hosts:3:")
                .hasMessageContaining("hosts:4:").hasMessageContaining("forever")
                .hasMessageContaining("hosts:5: silent_after must be positive and shorter than decoder.source_idle (1h)")
                .hasMessageContaining("hosts:6: address listed twice");
    }

    @Test
    void aMissingFileIsAClearError() {
        assertThatThrownBy(() -> Inventory.read(dir.resolve("nope"), Duration.ofHours(1)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("cannot read the inventory");
    }
}
