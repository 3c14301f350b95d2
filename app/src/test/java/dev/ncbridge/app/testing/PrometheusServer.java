package dev.ncbridge.app.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ncbridge.ingest.testing.RequiredServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus (Debian's {@code prometheus}) on loopback, with its own configuration and data
 * in a directory of the test's: it scrapes one target every second as job {@code ncbridge} and
 * evaluates the given rule file every second.
 */
public final class PrometheusServer implements AutoCloseable {
    private static final Duration STOP = Duration.ofSeconds(10);
    private final Process process;
    private final Path log;
    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper json = new ObjectMapper();

    private PrometheusServer(Process process, Path log, URI base) {
        this.process = process;
        this.log = log;
        this.base = base;
    }

    /** Starts Prometheus scraping {@code target} (host:port); fails (CI) or skips the test without it. */
    public static PrometheusServer start(Path dir, String target, Path rules) throws IOException {
        Path exe = Executables.find("prometheus");
        if (exe == null) {
            RequiredServer.unavailable("Prometheus", "prometheus not found on PATH (Debian: apt-get install prometheus)");
        }
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, """
                global: {scrape_interval: 1s, evaluation_interval: 1s}
                rule_files: ["%s"]
                scrape_configs:
                  - job_name: ncbridge
                    static_configs: [{targets: ["%s"]}]
                """.formatted(rules.toAbsolutePath(), target));
        int port = freePort();
        Path log = dir.resolve("prometheus.log");
        Process p = new ProcessBuilder(exe.toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new PrometheusServer(p, log, URI.create("http://127.0.0.1:" + port));
    }

    /** Whether Prometheus answers ready; false while it starts (connection refused, 503). */
    public boolean ready() {
        try {
            return get("/-/ready").statusCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    /** The state of {@code alert} ({@code pending}, {@code firing}), or null when it is not active. */
    public String alertState(String alert) throws IOException {
        for (JsonNode a : json.readTree(get("/api/v1/alerts").body()).at("/data/alerts")) {
            if (a.at("/labels/alertname").asText().equals(alert)) {
                return a.get("state").asText();
            }
        }
        return null;
    }

    /** The value of an instant query with one result, or null when it has none yet. */
    public Double query(String promql) throws IOException {
        JsonNode result = json.readTree(get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)).body())
                .at("/data/result");
        return result.size() == 1 ? result.get(0).at("/value/1").asDouble() : null;
    }

    /** What Prometheus logged, for a failure's message. */
    public String log() throws IOException {
        return Files.readString(log);
    }

    private HttpResponse<String> get(String path) throws IOException {
        try {
            return http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(STOP.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor(STOP.toMillis(), TimeUnit.MILLISECONDS);
        }
    }
}
