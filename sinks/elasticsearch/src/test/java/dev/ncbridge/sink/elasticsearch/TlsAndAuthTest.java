package dev.ncbridge.sink.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS and credentials against a small HTTPS server that answers the cluster health check as
 * Elasticsearch does (the test Elasticsearch runs without security, so it cannot serve TLS). The
 * server's certificate is self-signed for 127.0.0.1, made with the JDK's keytool.
 */
class TlsAndAuthTest {
    /** A real 8.19 answer to GET _cluster/health. */
    private static final String HEALTH = "{\"cluster_name\":\"elasticsearch\",\"status\":\"green\",\"timed_out\":false,"
            + "\"number_of_nodes\":1,\"number_of_data_nodes\":1,\"active_primary_shards\":0,\"active_shards\":0,"
            + "\"relocating_shards\":0,\"initializing_shards\":0,\"unassigned_shards\":0,\"unassigned_primary_shards\":0,"
            + "\"delayed_unassigned_shards\":0,\"number_of_pending_tasks\":0,\"number_of_in_flight_fetch\":0,"
            + "\"task_max_waiting_in_queue_millis\":0,\"active_shards_percent_as_number\":100.0}";

    @TempDir
    Path dir;
    private HttpsServer server;
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private Path caPem;

    @BeforeEach
    void startServer() throws Exception {
        Path keystore = dir.resolve("server.p12");
        caPem = dir.resolve("ca.pem");
        keytool("-genkeypair", "-alias", "es", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=127.0.0.1",
                "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-keystore", keystore.toString(), "-storetype", "PKCS12",
                "-storepass", "changeit");
        keytool("-exportcert", "-rfc", "-alias", "es", "-file", caPem.toString(), "-keystore", keystore.toString(),
                "-storepass", "changeit");
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(kmf.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(ssl));
        server.createContext("/", exchange -> {
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            byte[] body = HEALTH.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.getResponseHeaders().add("X-Elastic-Product", "Elasticsearch");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void theCaFileMakesTheServerTrustedAndTheApiKeyIsSent() throws Exception {
        ElasticsearchSink sink = sink("ca_file: \"" + caPem + "\", api_key: c2VjcmV0");
        try {
            assertThat(sink.healthy()).isTrue();
        } finally {
            sink.close();
        }
        assertThat(authorizations).isNotEmpty().allSatisfy(a -> assertThat(a).isEqualTo("ApiKey c2VjcmV0"));
    }

    @Test
    void withoutTheCaFileAnUnknownAuthorityIsNotTrusted() throws Exception {
        ElasticsearchSink sink = sink("username: elastic, password: pw");
        try {
            assertThat(sink.healthy()).as("the handshake must fail").isFalse();
        } finally {
            sink.close();
        }
        assertThat(authorizations).as("no request reached the server").isEmpty();
    }

    @Test
    void verifyFalseAcceptsAnyCertificate() throws Exception {
        ElasticsearchSink sink = sink("verify: false, username: elastic, password: pw");
        try {
            assertThat(sink.healthy()).isTrue();
        } finally {
            sink.close();
        }
        assertThat(authorizations).allSatisfy(a -> assertThat(a).isEqualTo("Basic ZWxhc3RpYzpwdw=="));
    }

    @Test
    void aCaFileThatIsNotACertificateFailsTheStartNamingTheKey() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.pem"), "not a certificate\n");
        ElasticsearchSink sink = Fixtures.sink("hosts: [\"https://127.0.0.1:" + server.getAddress().getPort()
                + "\"], manage_template: false, ca_file: \"" + bad + "\"");
        assertThatThrownBy(sink::start).hasMessageContaining("ca_file " + bad);
        sink.close();
    }

    /** A started sink against the HTTPS server; manage_template: false, so start() only checks the health. */
    private ElasticsearchSink sink(String keys) throws Exception {
        ElasticsearchSink sink = Fixtures.sink("hosts: [\"https://127.0.0.1:" + server.getAddress().getPort()
                + "\"], manage_template: false, request_timeout: 5s, " + keys);
        sink.start();
        return sink;
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("keytool %s", output).isZero();
    }
}
