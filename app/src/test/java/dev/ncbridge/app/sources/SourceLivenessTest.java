package dev.ncbridge.app.sources;

import static dev.ncbridge.app.sources.TestRecords.at;
import static dev.ncbridge.app.sources.TestRecords.extended;
import static dev.ncbridge.app.sources.TestRecords.pinged;
import static dev.ncbridge.app.sources.TestRecords.source;
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
    private static final InetSocketAddress WEB = source("10.0.0.5", 6665);
    private final List<Record> events = new ArrayList<>();

    @TempDir
    Path dir;

    private static SourceRegistry registry(Duration silentAfter, Inventory inventory) {
        return new SourceRegistry(new SilencePolicy(silentAfter, inventory), at(0));
    }

    @Test
    void aSourceGoesSilentOnceAndComesBackOnce() {
        SourceRegistry registry = registry(Duration.ofSeconds(60), Inventory.empty());
        registry.observe(extended(WEB, 1, 0));

        registry.checkSilence(at(59), events::add);
        assertThat(events).as("not yet").isEmpty();
        registry.checkSilence(at(60), events::add);
        registry.checkSilence(at(90), events::add);
        assertThat(events).hasSize(1);
        Record silent = events.get(0);
        assertThat(((SourceEvent) silent).event().type()).isEqualTo(EventType.SOURCE_SILENT);
        assertThat(silent.source()).isEqualTo(WEB);
        assertThat(((SourceEvent) silent).event().details()).containsEntry("silent_after_ms", 60_000L)
                .containsEntry("last_seen", "2026-11-21T10:00:00.000000Z").containsEntry("never_seen", false);
        assertThat(registry.snapshot(SourceState.SILENT)).hasSize(1);
        assertThat(registry.count(SourceState.SILENT)).isEqualTo(1);

        Record back = registry.observe(extended(WEB, 2, 100));
        Record again = registry.observe(extended(WEB, 3, 101));

        assertThat(((SourceEvent) back).event().type()).isEqualTo(EventType.SOURCE_BACK);
        assertThat(((SourceEvent) back).event().details()).containsEntry("silent_for_ms", 100_000L).containsEntry("first_seen", false);
        assertThat(again).isNull();
        assertThat(registry.snapshot().get(0).state()).isEqualTo(SourceState.ACTIVE);
        assertThat(registry.count(SourceState.SILENT)).isZero();
    }

    @Test
    void withoutSilentAfterNobodyIsEverSilent() {
        SourceRegistry registry = registry(null, Inventory.empty());
        registry.observe(extended(WEB, 1, 0));

        registry.checkSilence(at(1_000_000), events::add);

        assertThat(events).isEmpty();
    }

    @Test
    void inventoryHostsNeverHeardFromAreReportedAndTheirFirstRecordBringsThemBack() throws Exception {
        Path file = Files.writeString(dir.resolve("inv"), "10.0.0.5 web-5\n10.0.0.9 quiet silent_after=10m\n");
        SourceRegistry registry = registry(Duration.ofSeconds(60), Inventory.read(file, Duration.ofHours(1)));

        assertThat(registry.snapshot(SourceState.NEVER_SEEN)).extracting(SourceView::name)
                .containsExactly("web-5", "quiet");
        registry.checkSilence(at(60), events::add);
        assertThat(events).as("quiet has ten minutes").hasSize(1);
        assertThat(events.get(0).hostName()).isEqualTo("web-5");
        assertThat(((SourceEvent) events.get(0)).event().details()).containsEntry("never_seen", true)
                .containsEntry("expected_since", "2026-11-21T10:00:00.000000Z");
        registry.checkSilence(at(120), events::add);
        assertThat(events).as("reported once").hasSize(1);

        Record back = registry.observe(extended(WEB, 1, 130));

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
        assertThat(registry.expected(source("10.0.0.6", 6665).getAddress())).isFalse();
    }

    @Test
    void pingsAreCountedAndAUserSpacePingIsNoPosition() {
        SourceRegistry registry = registry(null, Inventory.empty());
        registry.observe(extended(WEB, 41, 0));
        registry.observe(pinged(extended(WEB, 0, 5), new Ping("0123456789abcdef", "udp", "t1")));

        SourceView view = registry.snapshot().get(0);
        assertThat(view.pings()).isEqualTo(1);
        assertThat(view.lastPingNonce()).isEqualTo("0123456789abcdef");
        assertThat(view.lastPingAt()).isEqualTo(Instant.ofEpochSecond(0, at(5)));
        assertThat(view.lastSeq()).as("the ping's seq 0 is not the kernel's").isEqualTo(41);
        assertThat(view.messages()).isEqualTo(1);
    }
}
