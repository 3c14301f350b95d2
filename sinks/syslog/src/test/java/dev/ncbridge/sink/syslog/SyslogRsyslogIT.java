package dev.ncbridge.sink.syslog;

import static dev.ncbridge.ingest.testing.Records.sysdata;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ncbridge.ingest.record.KeyValue;
import dev.ncbridge.ingest.record.Record;
import dev.ncbridge.sink.BatchResult;
import dev.ncbridge.sink.Sink;
import dev.ncbridge.ingest.testing.RealServers;
import dev.ncbridge.sink.syslog.testing.Received;
import dev.ncbridge.sink.syslog.testing.Rsyslog;
import dev.ncbridge.sink.syslog.testing.Rsyslog.Listener;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What real rsyslog makes of what the sink sends, per format and transport. */
class SyslogRsyslogIT {
    @RegisterExtension
    static final RealServers SERVERS = new RealServers();
    private static Rsyslog rsyslog;

    @BeforeAll
    static void startRsyslog() {
        rsyslog = SERVERS.start(Rsyslog::start);
    }

    @ParameterizedTest(name = "{0} over {1}")
    @CsvSource({"rfc5424, udp", "rfc5424, tcp", "rfc5424, tls", "rfc3164, udp", "rfc3164, tcp", "rfc3164, tls"})
    void rsyslogParsesEveryHeaderField(String format, String transport) throws Exception {
        Listener listener = Listener.valueOf(transport.toUpperCase(java.util.Locale.ROOT));
        String host = "web-" + format + "-" + transport;
        Record record = sysdata("disk error on sda").hostName(host).facility(4).level(2).build();
        try (Sink sink = SyslogSinks.started(keys(listener, "format: " + format))) {
            assertThat(sink.write(List.of(record)).toCompletableFuture().get(30, TimeUnit.SECONDS).isOk()).isTrue();
        }
        Received r = awaitOne(listener, host);
        assertThat(r.pri()).isEqualTo(4 * 8 + 2);
        assertThat(r.appName()).isEqualTo("kernel");
        if (format.equals("rfc5424")) {
            assertThat(r.procid()).isEqualTo("-");
            assertThat(r.msgid()).isEqualTo("extended");
            assertThat(r.structuredData()).isEqualTo("[netconsole@32473 seq=\"607\" kernel_ts_us=\"22085407756\""
                    + " release=\"6.14.0\" msgid=\"12\" cpu=\"42\" taskname=\"echo\" ud.foo=\"bar\"]");
            assertThat(r.msg()).isEqualTo("disk error on sda");
            assertThat(r.timestamp()).isEqualTo("2026-11-21T10:15:30.123456Z");
        } else {
            assertThat(r.structuredData()).isEqualTo("-");
            // rsyslog keeps the space after "TAG:" as part of an RFC 3164 MSG.
            assertThat(r.msg()).isEqualTo(" disk error on sda");
            assertThat(r.timestamp()).contains("-11-21T10:15:30");
        }
    }

    @ParameterizedTest(name = "over {0}")
    @CsvSource({"udp", "tcp", "tls"})
    void nonAsciiTextAndEscapedCharactersInUserdataSurvive(String transport) throws Exception {
        Listener listener = Listener.valueOf(transport.toUpperCase(java.util.Locale.ROOT));
        String host = "special-" + transport;
        String text = "Grüße, 世界 — \"quoted\" \\ back ] bracket ✓";
        Record record = sysdata(text).hostName(host).userdata(List.of(
                new KeyValue("note", "a]b\"c\\d é"), new KeyValue("rack id", "r1"))).build();
        try (Sink sink = SyslogSinks.started(keys(listener, ""))) {
            sink.write(List.of(record)).toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
        Received r = awaitOne(listener, host);
        assertThat(r.msg()).isEqualTo(text);
        assertThat(r.structuredData()).endsWith(" ud.note=\"a\\]b\\\"c\\\\d é\" ud.rack_id=\"r1\"]");
    }

    @Test
    void aClientCertificateIsPresentedWhenTheServerAsksForOne() throws Exception {
        var certs = rsyslog.certificates();
        Record record = sysdata("with client cert").hostName("mutual-tls").build();
        try (Sink sink = SyslogSinks.started("address: \"127.0.0.1:" + rsyslog.port(Listener.TLS_CLIENT_AUTH)
                + "\", transport: tls, tls: {ca_file: \"" + certs.caCert() + "\", cert_file: \"" + certs.clientCert()
                + "\", key_file: \"" + certs.clientKey() + "\"}")) {
            sink.write(List.of(record)).toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
        assertThat(awaitOne(Listener.TLS_CLIENT_AUTH, "mutual-tls").msg()).isEqualTo("with client cert");
    }

    @Test
    void aServerWhoseCertificateDoesNotNameItIsRefusedUnlessVerificationIsOff() throws Exception {
        String tls = "address: \"127.0.0.1:" + rsyslog.port(Listener.TLS) + "\", transport: tls, tls: {ca_file: \""
                + rsyslog.certificates().caCert() + "\", server_name: wrong.example";
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (Sink sink = SyslogSinks.started(tls + "}", registry)) {
            assertThatThrownBy(() -> sink.write(List.of(sysdata("x").build())).toCompletableFuture().get(30,
                    TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).hasMessageContaining("TLS handshake")
                    .hasMessageContaining("wrong.example");
            assertThat(sink.healthy()).isFalse();
            assertThat(registry.get("ncbridge.syslog.connect.failures").counter().count()).isEqualTo(1);
        }
        try (Sink sink = SyslogSinks.started(tls + ", verify_hostname: false}")) {
            sink.write(List.of(sysdata("unverified").hostName("no-verify").build())).toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
        }
        assertThat(awaitOne(Listener.TLS, "no-verify").msg()).isEqualTo("unverified");
    }

    @Test
    void udpSplitsAnOversizedMessageIntoDatagramsRsyslogTakesWhole() throws Exception {
        String text = "0123456789".repeat(100);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (Sink sink = SyslogSinks.started(keys(Listener.UDP, "max_message_size: 480, oversize: split"), registry)) {
            BatchResult result = sink.write(List.of(sysdata(text).hostName("split-udp").build()))
                    .toCompletableFuture().get(30, TimeUnit.SECONDS);
            assertThat(result.isOk()).isTrue();
            assertThat(registry.get("ncbridge.syslog.oversize").tag("action", "split").counter().count()).isEqualTo(1);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> String.join("", received(Listener.UDP, "split-udp").stream()
                .map(Received::msg).toList()).equals(text));
        assertThat(received(Listener.UDP, "split-udp")).hasSizeGreaterThan(2)
                .allSatisfy(r -> assertThat(r.structuredData()).contains("seq=\"607\""));
    }

    private static String keys(Listener listener, String more) {
        String transport = listener.name().toLowerCase(java.util.Locale.ROOT);
        String keys = "address: \"127.0.0.1:" + rsyslog.port(listener) + "\", transport: " + transport;
        if (listener == Listener.TLS) {
            keys += ", tls: {ca_file: \"" + rsyslog.certificates().caCert() + "\"}";
        }
        return more.isEmpty() ? keys : keys + ", " + more;
    }

    private static List<Received> received(Listener listener, String host) {
        return rsyslog.received(listener).stream().filter(r -> r.hostname().equals(host)).toList();
    }

    private static Received awaitOne(Listener listener, String host) {
        await().atMost(Duration.ofSeconds(30)).until(() -> !received(listener, host).isEmpty());
        List<Received> all = received(listener, host);
        assertThat(all).hasSize(1);
        return all.get(0);
    }
}
