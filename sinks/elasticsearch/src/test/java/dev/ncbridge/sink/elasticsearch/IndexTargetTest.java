package dev.ncbridge.sink.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ncbridge.ingest.record.Record;
import org.junit.jupiter.api.Test;

class IndexTargetTest {
    @Test
    void aDataStreamIsOneNameAndItsOwnTemplatePattern() {
        IndexTarget target = IndexTarget.dataStream("logs-netconsole-default");
        assertThat(target.indexFor(Fixtures.full("web-42", 1).build())).isEqualTo("logs-netconsole-default");
        assertThat(target.templatePattern()).isEqualTo("logs-netconsole-default");
        assertThat(target.templateName()).isEqualTo("ncbridge-logs-netconsole-default");
        assertThat(target.isDataStream()).isTrue();
    }

    @Test
    void anIndexTemplateUsesTheHostAndTheUtcDateOfReception() {
        IndexTarget target = IndexTarget.indexTemplate("netconsole-{host}-{yyyy}.{MM}.{dd}.{HH}");
        // 2026-11-21T23:59:59.9Z in UTC, whatever this machine's time zone.
        Record late = Fixtures.full("Web-42", 1).receivedAtNanos(Fixtures.nanos("2026-11-21T23:59:59.900Z")).build();
        assertThat(target.indexFor(late)).isEqualTo("netconsole-web-42-2026.11.21.23");
        Record early = Fixtures.full("web-42", 1).receivedAtNanos(Fixtures.nanos("2027-01-02T03:00:00Z")).build();
        assertThat(target.indexFor(early)).isEqualTo("netconsole-web-42-2027.01.02.03");
        assertThat(target.templatePattern()).isEqualTo("netconsole-*-*.*.*.*");
        assertThat(target.templateName()).isEqualTo("ncbridge-netconsole");
        assertThat(target.isDataStream()).isFalse();
    }

    @Test
    void hostNamesKeepOnlyWhatIndexNamesAllow() {
        IndexTarget target = IndexTarget.indexTemplate("nc-{host}");
        assertThat(target.indexFor(Fixtures.full("../Etc/Pass wd:*", 1).build())).isEqualTo("nc-.._etc_pass_wd__");
        assertThat(target.indexFor(Fixtures.full("2001:db8::5", 1).build())).isEqualTo("nc-2001_db8__5");
    }

    @Test
    void adjacentFieldsMakeOneWildcard() {
        assertThat(IndexTarget.indexTemplate("nc-{yyyy}{MM}{dd}").templatePattern()).isEqualTo("nc-*");
        assertThat(IndexTarget.indexTemplate("nc-{yyyy}{MM}{dd}").indexFor(Fixtures.full("h", 1).build()))
                .isEqualTo("nc-20261121");
    }
}
