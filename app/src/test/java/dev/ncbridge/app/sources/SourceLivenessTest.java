package dev.ncbridge.app.sources;

import static dev.ncbridge.ingest.testing.Records.atSecond;
import static dev.ncbridge.ingest.testing.Records.numbered;
import static dev.ncbridge.ingest.testing.Records.pinged;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ncbridge.app.liveness.Inventory;
import dev.ncbridge.app.liveness.SilencePolicy;
import dev.ncbridge.ingest.record.EventType;
import dev.ncbridge.ingest.record.Ping;
import dev.ncbridge.ingest.record.Record;
import dev.ncbridge.ingest.record.SourceEvent;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceLivenessTest {
    private static final InetSocketAddress WEB = new InetSocketAddress("10.0.0.5", 6665);
    private final List<Record> events = new ArrayList<>();

    @TempDir
    Path dir;

    private static SourceRegistry registry(Duration silentAfter, Inventory inventory) {
        return new SourceRegistry(new SilencePolicy(silentAfter, inventory), atSecond(0));
    }

    @Test
    void aSourceGoesSilentOnceAndComesBackOnce() {
        SourceRegistry registry = registry(Duration.ofSeconds(60), Inventory.empty());
        registry.observe(numbered(1).source(WEB).receivedAtNanos(atSecond(0)).build());

        registry.checkSilence(atSecond(59), events::add);
        assertThat(events).as("not yet").isEmpty();
        registry.checkSilence(atSecond(60), events::add);
        registry.checkSilence(atSecond(90), events::add);
        assertThat(events).hasSize(1);
        Record silent = events.get(0);
        assertThat(((SourceEvent) silent).event().type()).isEqualTo(EventType.SOURCE_SILENT);
        assertThat(silent.source()).isEqualTo(WEB);
        assertThat(((SourceEvent) silent).event().details()).containsEntry("silent_after_ms", 60_000L)
                .containsEntry("last_seen", "2026-11-21T10:00:00.000000Z").containsEntry("never_seen", false);
        assertThat(registry.snapshot(SourceState.SILENT)).hasSize(1);
        assertThat(registry.count(SourceState.SILENT)).isEqualTo(1);

        Record back = registry.observe(numbered(2).source(WEB).receivedAtNanos(atSecond(100)).build());
        Record again = registry.observe(numbered(3).source(WEB).receivedAtNanos(atSecond(101)).build());

        assertThat(((SourceEvent) back).event().type()).isEqualTo(EventType.SOURCE_BACK);
        assertThat(((SourceEvent) back).event().details()).containsEntry("silent_for_ms", 100_000L).containsEntry("first_seen", false);
        assertThat(again).isNull();
        assertThat(registry.snapshot().get(0).state()).isEqualTo(SourceState.ACTIVE);
        assertThat(registry.count(SourceState.SILENT)).isZero();
    }

    @Test
    void withoutSilentAfterNobodyIsEverSilent() {
        SourceRegistry registry = registry(null, Inventory.empty());
        registry.observe(numbered(1).source(WEB).receivedAtNanos(atSecond(0)).build());

        registry.checkSilence(atSecond(1_000_000), events::add);

        assertThat(events).isEmpty();
    }

    @Test
    void inventoryHostsNeverHeardFromAreReportedAndTheirFirstRecordBringsThemBack() throws Exception {
        Path file = Files.writeString(dir.resolve("inv"), "10.0.0.5 web-5\n10.0.0.9 quiet silent_after=10m\n");
        SourceRegistry registry = registry(Duration.ofSeconds(60), Inventory.read(file, Duration.ofHours(1)));

        assertThat(registry.snapshot(SourceState.NEVER_SEEN)).extracting(SourceView::name)
                .containsExactly("web-5", "quiet");
        registry.checkSilence(atSecond(60), events::add);
        assertThat(events).as("quiet has ten minutes").hasSize(1);
        assertThat(events.get(0).hostName()).isEqualTo("web-5");
        assertThat(((SourceEvent) events.get(0)).event().details()).containsEntry("never_seen", true)
                .containsEntry("expected_since", "2026-11-21T10:00:00.000000Z");
        registry.checkSilence(atSecond(120), events::add);
        assertThat(events).as("reported once").hasSize(1);

        Record back = registry.observe(numbered(1).source(WEB).receivedAtNanos(atSecond(130)).build());

        assertThat(((SourceEvent) back).event().type()).isEqualTo(EventType.SOURCE_BACK);
        assertThat(((SourceEvent) back).event().details()).containsEntry("first_seen", true).containsEntry("silent_for_ms", 70_000L);
        assertThat(registry.snapshot(SourceState.NEVER_SEEN)).extracting(SourceView::name).containsExactly("quiet");
        assertThat(registry.snapshot(SourceState.ACTIVE)).singleElement()
                .satisfies(v -> assertThat(v.expected()).isTrue());
    }

    @Test
    void theDecodersAreToldWhichAddressesTheInventoryExpects() throws Exception {
        Path file = Files.writeString(dir.resolve("inv"), "10.0.0.5\n");
        SourceRegistry registry = registry(Duration.ofSeconds(60), Inventory.read(file, Duration.ofHours(1)));

        assertThat(registry.expected(WEB.getAddress())).isTrue();
        assertThat(registry.expected(new InetSocketAddress("10.0.0.6", 6665).getAddress())).isFalse();
    }

    @Test
    void pingsAreCountedAndAUserSpacePingIsNoPosition() {
        SourceRegistry registry = registry(null, Inventory.empty());
        registry.observe(numbered(41).source(WEB).receivedAtNanos(atSecond(0)).build());
        registry.observe(pinged(numbered(0).source(WEB).receivedAtNanos(atSecond(5)).build(),
                new Ping("0123456789abcdef", "udp", "t1")));

        SourceView view = registry.snapshot().get(0);
        assertThat(view.pings()).isEqualTo(1);
        assertThat(view.lastPingNonce()).isEqualTo("0123456789abcdef");
        assertThat(view.lastPingAt()).isEqualTo(Instant.ofEpochSecond(0, atSecond(5)));
        assertThat(view.lastSeq()).as("the ping's seq 0 is not the kernel's").isEqualTo(41);
        assertThat(view.messages()).isEqualTo(1);
    }
}
