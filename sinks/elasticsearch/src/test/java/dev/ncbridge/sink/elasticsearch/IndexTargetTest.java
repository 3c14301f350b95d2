package dev.ncbridge.sink.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ncbridge.ingest.record.Record;
import dev.ncbridge.ingest.testing.Records;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class IndexTargetTest {
    @Test
    void aDataStreamIsOneNameAndItsOwnTemplatePattern() {
        IndexTarget target = IndexTarget.dataStream("logs-netconsole-default");
        assertThat(target.indexFor(Records.fullTruncated("web-42", 1).build())).isEqualTo("logs-netconsole-default");
        assertThat(target.templatePattern()).isEqualTo("logs-netconsole-default");
        assertThat(target.templateName()).isEqualTo("ncbridge-logs-netconsole-default");
        assertThat(target.isDataStream()).isTrue();
    }

    @Test
    void anIndexTemplateUsesTheHostAndTheUtcDateOfReception() {
        IndexTarget target = IndexTarget.indexTemplate("netconsole-{host}-{yyyy}.{MM}.{dd}.{HH}");
        // 2026-11-21T23:59:59.9Z in UTC, whatever this machine's time zone.
        Record late = Records.fullTruncated("Web-42", 1).receivedAtNanos(Records.nanos("2026-11-21T23:59:59.900Z"))
                .build();
        assertThat(target.indexFor(late)).isEqualTo("netconsole-web-42-2026.11.21.23");
        Record early = Records.fullTruncated("web-42", 1).receivedAtNanos(Records.nanos("2027-01-02T03:00:00Z"))
                .build();
        assertThat(target.indexFor(early)).isEqualTo("netconsole-web-42-2027.01.02.03");
        assertThat(target.templatePattern()).isEqualTo("netconsole-*-*.*.*.*");
        assertThat(target.templateName()).isEqualTo("ncbridge-netconsole");
        assertThat(target.isDataStream()).isFalse();
    }

    @Test
    void hostNamesKeepOnlyWhatIndexNamesAllow() {
        IndexTarget target = IndexTarget.indexTemplate("nc-{host}");
        assertThat(target.indexFor(Records.fullTruncated("../Etc/Pass wd:*", 1).build()))
                .isEqualTo("nc-.._etc_pass_wd__");
        assertThat(target.indexFor(Records.fullTruncated("2001:db8::5", 1).build())).isEqualTo("nc-2001_db8__5");
    }

    @Test
    void everyTemplateFieldIsMadeAnIndexNamePart() {
        Record v6 = Records.fullTruncated("h", 1).source(new InetSocketAddress("2001:DB8::5", 6665)).build();
        assertThat(IndexTarget.indexTemplate("nc-{ip}-{level}").indexFor(v6)).isEqualTo("nc-2001_db8__5-err");
    }

    @Test
    void theTemplatesOwnTextMustBeALegalName() {
        assertThatThrownBy(() -> IndexTarget.indexTemplate("NC-{host}")).hasMessage("\"NC-{host}\": Elasticsearch"
                + " names must be lower case");
        assertThatThrownBy(() -> IndexTarget.indexTemplate("nc-{host}}")).hasMessage("\"nc-{host}}\": Elasticsearch"
                + " names cannot contain '}'");
        assertThatThrownBy(() -> IndexTarget.indexTemplate("_nc-{host}")).hasMessageContaining("cannot start with '_'");
        assertThatThrownBy(() -> IndexTarget.indexTemplate("{host}-nc"))
                .hasMessageContaining("must start with literal text");
        assertThatThrownBy(() -> IndexTarget.dataStream("logs-{host}")).hasMessageContaining("cannot contain '{'");
        assertThatThrownBy(() -> IndexTarget.dataStream("")).hasMessage("must not be empty");
        assertThatThrownBy(() -> IndexTarget.dataStream("..")).hasMessageContaining("or be . or ..");
    }

    @Test
    void adjacentFieldsMakeOneWildcard() {
        assertThat(IndexTarget.indexTemplate("nc-{yyyy}{MM}{dd}").templatePattern()).isEqualTo("nc-*");
        assertThat(IndexTarget.indexTemplate("nc-{yyyy}{MM}{dd}").indexFor(Records.fullTruncated("h", 1).build()))
                .isEqualTo("nc-20261121");
    }
}
