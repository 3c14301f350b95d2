package dev.ncbridge.app.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ncbridge.ingest.testing.LoopbackServer;
import dev.ncbridge.ingest.testing.ServerStartException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real Prometheus (Debian's {@code prometheus}) on loopback, with its own configuration and data
 * in a directory of the test's: it scrapes one target every second as job {@code ncbridge} and
 * evaluates the given rule file every second.
 */
public final class PrometheusServer extends LoopbackServer {
    private final Path exe;
    private final Path dir;
    private final int port;
    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper json = new ObjectMapper();

    private PrometheusServer(Path exe, Path dir, String target, Path rules) throws IOException {
        super("Prometheus");
        this.exe = exe;
        this.dir = dir;
        this.port = freeTcpPort();
        this.base = URI.create("http://127.0.0.1:" + port);
        Files.writeString(dir.resolve("prometheus.yml"), """
                global: {scrape_interval: 1s, evaluation_interval: 1s}
                rule_files: ["%s"]
                scrape_configs:
                  - job_name: ncbridge
                    static_configs: [{targets: ["%s"]}]
                """.formatted(rules.toAbsolutePath(), target));
    }

    /** Starts Prometheus scraping {@code target} (host:port) and returns once it is ready. */
    public static PrometheusServer start(Path dir, String target, Path rules) throws ServerStartException {
        Path exe = Executables.find("prometheus");
        if (exe == null) {
            throw new ServerStartException("Prometheus", "prometheus not found on PATH (Debian: apt-get install prometheus)");
        }
        try {
            return launched(new PrometheusServer(exe, dir, target, rules));
        } catch (IOException e) {
            throw new ServerStartException("Prometheus", "cannot write its configuration: " + e);
        }
    }

    @Override
    protected ProcessBuilder command() {
        return new ProcessBuilder(exe.toString(), "--config.file=" + dir.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port);
    }

    /** Ready once {@code /-/ready} answers 200 (503 while it starts). */
    @Override
    protected boolean ready() throws IOException {
        return get("/-/ready").statusCode() == 200;
    }

    /** A refused connection, and an answer late on a busy machine. */
    @Override
    protected boolean isTransient(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof HttpTimeoutException) {
                return true;
            }
        }
        return super.isTransient(error);
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

    private HttpResponse<String> get(String path) throws IOException {
        try {
            return http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
