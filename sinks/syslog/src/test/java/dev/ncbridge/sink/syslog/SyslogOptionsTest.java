package dev.ncbridge.sink.syslog;

import static dev.ncbridge.sink.syslog.Fixtures.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ncbridge.config.ConfigException;
import dev.ncbridge.sink.SinkProvider;
import java.time.Duration;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class SyslogOptionsTest {
    @Test
    void defaults() {
        SyslogOptions o = options("address: \"logs:6514\"");
        assertThat(o.address()).isEqualTo(new SyslogAddress("logs", 6514));
        assertThat(o.transport()).isEqualTo(Transport.TCP);
        assertThat(o.format()).isEqualTo(SyslogFormat.RFC5424);
        assertThat(o.framing()).isEqualTo(Framing.OCTET_COUNTING);
        assertThat(o.facility()).isEqualTo(-1);
        assertThat(o.appName()).isEqualTo("kernel");
        assertThat(o.sdId()).isEqualTo("netconsole@32473");
        assertThat(o.utf8Bom()).isFalse();
        assertThat(o.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(o.writeTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(o.keepalive()).isEqualTo(Duration.ofSeconds(30));
        assertThat(o.replayWindow()).isEqualTo(Duration.ofSeconds(15));
        assertThat(o.replayBuffer()).isEqualTo(8L << 20);
        SyslogOptions udp = options("address: \"[2001:db8::1]:514\", transport: udp");
        assertThat(udp.address()).isEqualTo(new SyslogAddress("2001:db8::1", 514));
        assertThat(udp.maxMessageSize()).isEqualTo(2048);
        assertThat(udp.oversize()).isEqualTo(Oversize.TRUNCATE);
    }

    @Test
    void theDesignDocumentsExampleBinds() {
        SyslogOptions o = options("address: \"logs:6514\", transport: tls, format: rfc5424");
        assertThat(o.tls().serverName()).isEqualTo("logs");
        assertThat(o.tls().verifyHostname()).isTrue();
    }

    @Test
    void problemsNameTheirKeyAndLine() {
        assertThatThrownBy(() -> options("transport: udp, framing: lf, tls: {ca_file: x}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("t.yaml:2: sinks.s.address: required")
                .hasMessageContaining("sinks.s.framing: applies to transport tcp or tls only")
                .hasMessageContaining("sinks.s.tls: applies to transport tls only");
        assertThatThrownBy(() -> options("address: \"::1:514\"")).hasMessageContaining("brackets");
        assertThatThrownBy(() -> options("address: \"h:0\"")).hasMessageContaining("port");
        assertThatThrownBy(() -> options("address: \"h:514\", app_name: \"a b\""))
                .hasMessageContaining("sinks.s.app_name: \"a b\" is not an APP-NAME");
        assertThatThrownBy(() -> options("address: \"h:514\", sd_id: netconsole"))
                .hasMessageContaining("sinks.s.sd_id: \"netconsole\" is not a private SD-ID");
        assertThatThrownBy(() -> options("address: \"h:514\", facility: 40"))
                .hasMessageContaining("sinks.s.facility: syslog facilities go up to 23");
        assertThatThrownBy(() -> options("address: \"h:514\", transport: tls, tls: {cert_file: c.pem}"))
                .hasMessageContaining("sinks.s.tls.key_file: cert_file and key_file go together");
        assertThatThrownBy(() -> options("address: \"h:514\", transport: udp, max_message_size: 100"))
                .hasMessageContaining("sinks.s.max_message_size: must be from 480 to 65507 bytes");
        assertThatThrownBy(() -> options("address: \"h:514\", transport: carrier_pigeon"))
                .hasMessageContaining("sinks.s.transport: \"carrier_pigeon\" is not one of udp, tcp, tls");
        assertThatThrownBy(() -> options("address: \"h:514\", hostname: x"))
                .hasMessageContaining("unknown key \"hostname\"");
    }

    @Test
    void theProviderIsFoundAndOwnsTheFormatKey() {
        SinkProvider provider = ServiceLoader.load(SinkProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.type().equals("syslog")).findFirst().orElseThrow();
        assertThat(provider.ownsFormatKey()).isTrue();
    }
}
