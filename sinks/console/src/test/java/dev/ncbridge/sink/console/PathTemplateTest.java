package dev.ncbridge.sink.console;

import static dev.ncbridge.sink.console.Fixtures.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class PathTemplateTest {
    private final StringBuilder scratch = new StringBuilder();

    @Test
    void fillsDateFieldsFromTheReceiveTimeInUtc() {
        PathTemplate t = PathTemplate.parse("/logs/{yyyy}/{MM}/{dd}/{HH}/{host}.log", ZoneOffset.UTC);

        assertThat(t.expand(record("web-42", "10.0.0.5", "2026-01-02T03:59:59.999Z", "m"), scratch))
                .isEqualTo("/logs/2026/01/02/03/web-42.log");
    }

    @Test
    void fillsDateFieldsInTheConfiguredZone() {
        // 23:15 UTC is 04:45 the next day in India (+05:30): date and hour both move.
        PathTemplate t = PathTemplate.parse("/logs/{yyyy}-{MM}-{dd}T{HH}.log", ZoneId.of("Asia/Kolkata"));

        assertThat(t.expand(record("h", "10.0.0.5", "2026-12-31T23:15:00Z", "m"), scratch))
                .isEqualTo("/logs/2027-01-01T04.log");
    }

    @Test
    void fillsTheSourceAddressSanitized() {
        PathTemplate t = PathTemplate.parse("/logs/{ip}/{host}", ZoneOffset.UTC);

        assertThat(t.expand(record("a/b", "10.1.2.3", Fixtures.T0, "m"), scratch)).isEqualTo("/logs/10.1.2.3/a_b");
        assertThat(t.expand(record("h", "fe80::1", Fixtures.T0, "m"), scratch)).isEqualTo("/logs/fe80::1/h");
    }

    @Test
    void rejectsAnUnknownFieldNamingItAndTheKnownOnes() {
        assertThatThrownBy(() -> PathTemplate.parse("/logs/{hostname}.log", ZoneOffset.UTC))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("{hostname}")
                .hasMessageContaining("{host}, {ip}, {yyyy}, {MM}, {dd}, {HH}");
        // Minutes are not a field: {mm} must not pass for {MM}.
        assertThatThrownBy(() -> PathTemplate.parse("/logs/{mm}.log", ZoneOffset.UTC))
                .hasMessageContaining("unknown field {mm}");
    }

    @Test
    void rejectsAnUnclosedBraceAndADirectory() {
        assertThatThrownBy(() -> PathTemplate.parse("/logs/{host.log", ZoneOffset.UTC))
                .hasMessageContaining("'{' at character 7 is not closed");
        assertThatThrownBy(() -> PathTemplate.parse("/logs/{host}/", ZoneOffset.UTC))
                .hasMessageContaining("names a directory");
    }

    @Test
    void baseDirectoryIsTheFixedPartUpToItsLastSlash() {
        assertThat(PathTemplate.parse("/var/log/nc/{host}/kern.log", ZoneOffset.UTC).baseDirectory())
                .isEqualTo(Path.of("/var/log/nc"));
        assertThat(PathTemplate.parse("/var/log/nc-{host}.log", ZoneOffset.UTC).baseDirectory())
                .isEqualTo(Path.of("/var/log"));
        assertThat(PathTemplate.parse("/var/log/all.log", ZoneOffset.UTC).baseDirectory())
                .isEqualTo(Path.of("/var/log"));
        assertThat(PathTemplate.parse("/{host}.log", ZoneOffset.UTC).baseDirectory()).isEqualTo(Path.of("/"));
        assertThat(PathTemplate.parse("{host}.log", ZoneOffset.UTC).baseDirectory()).isEqualTo(Path.of("."));
    }
}
