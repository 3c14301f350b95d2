package dev.ncbridge.app.http;

import static dev.ncbridge.ingest.testing.Records.atSecond;
import static dev.ncbridge.ingest.testing.Records.lossOf;
import static dev.ncbridge.ingest.testing.Records.numbered;
import static dev.ncbridge.ingest.testing.Records.pinged;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ncbridge.app.liveness.Inventory;
import dev.ncbridge.app.liveness.PingRegistry;
import dev.ncbridge.app.liveness.SilencePolicy;
import dev.ncbridge.app.sources.SourceRegistry;
import dev.ncbridge.config.ApiToken;
import dev.ncbridge.config.ConfigProblem;
import dev.ncbridge.ingest.record.Ping;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpEndpointTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<String, Boolean> checks = new ConcurrentHashMap<>();
    private final SourceRegistry sources = new SourceRegistry();
    private final PingRegistry pings = new PingRegistry(1 << 20);
    private final HttpClient client = HttpClient.newHttpClient();
    private volatile Readiness readiness = () -> checks;
    private HttpEndpoint endpoint;

    @BeforeEach
    void start() throws Exception {
        endpoint = HttpEndpoint.start(new InetSocketAddress("127.0.0.1", 0), metrics, () -> readiness.checks(),
                sources, pings, null, HttpEndpointTest::reload);
    }

    @AfterEach
    void stop() {
        endpoint.stop();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + endpoint.address().getPort() + path);
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        return JSON.readTree(response.body());
    }

    /** The reload the endpoint triggers: the next answer set by a test, counted. */
    private static final AtomicReference<ReloadOutcome> nextReload = new AtomicReference<>();
    private static final AtomicInteger reloads = new AtomicInteger();

    private static ReloadOutcome reload() {
        reloads.incrementAndGet();
        return nextReload.get();
    }

    @Test
    void reloadIsAPostAnsweringWhatChangedOrWhyNot() throws Exception {
        HttpRequest post = HttpRequest.newBuilder(uri("/api/v1/reload")).POST(HttpRequest.BodyPublishers.noBody()).build();
        int before = reloads.get();
        nextReload.set(ReloadOutcome.applied(List.of("sinks.archive: added", "routes: changed")));
        HttpResponse<String> applied = send(post);
        assertThat(applied.statusCode()).isEqualTo(200);
        assertThat(json(applied)).isEqualTo(JSON.readTree(
                "{\"result\":\"applied\",\"changes\":[\"sinks.archive: added\",\"routes: changed\"]}"));

        nextReload.set(ReloadOutcome.rejected(ReloadOutcome.Kind.INVALID,
                List.of(new ConfigProblem("/etc/ncbridge.yaml", "sinks.out.tpye", 7, "unknown key")), null));
        HttpResponse<String> invalid = send(post);
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(json(invalid)).isEqualTo(JSON.readTree("{\"result\":\"rejected\",\"problems\":[{\"file\":"
                + "\"/etc/ncbridge.yaml\",\"line\":7,\"key\":\"sinks.out.tpye\",\"message\":\"unknown key\"}]}"));

        nextReload.set(ReloadOutcome.rejected(ReloadOutcome.Kind.NEEDS_RESTART, List.of(), "receive.workers needs a restart"));
        HttpResponse<String> restart = send(post);
        assertThat(restart.statusCode()).isEqualTo(409);
        assertThat(json(restart).get("error").asText()).isEqualTo("receive.workers needs a restart");
        assertThat(reloads.get() - before).isEqualTo(3);

        HttpResponse<String> viaGet = get("/api/v1/reload");
        assertThat(viaGet.statusCode()).as("a GET (a crawler, a prefetch) must not reload").isEqualTo(405);
        assertThat(viaGet.headers().firstValue("Allow")).hasValue("POST");
        assertThat(send(HttpRequest.newBuilder(uri("/metrics")).POST(HttpRequest.BodyPublishers.noBody()).build())
                .statusCode()).isEqualTo(405);
        assertThat(reloads.get() - before).isEqualTo(3);
    }

    @Test
    void bindsTheAskedAddressWithAChosenPort() {
        assertThat(endpoint.address().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(endpoint.address().getPort()).isPositive();
    }

    @Test
    void metricsAreServedInThePrometheusTextFormat() throws Exception {
        metrics.counter("ncbridge.test.things", "kind", "a").increment(5);
        metrics.gauge("ncbridge.test.level", 42);

        HttpResponse<String> response = get("/metrics");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        assertThat(response.body()).contains("ncbridge_test_things_total{kind=\"a\"} 5.0", "ncbridge_test_level 42.0");
    }

    @Test
    void liveAnswersUp() throws Exception {
        HttpResponse<String> response = get("/health/live");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response)).isEqualTo(JSON.readTree("{\"status\":\"up\"}"));
    }

    @Test
    void readyFollowsTheChecks() throws Exception {
        checks.put("listening", true);
        checks.put("sink:kafka", false);

        HttpResponse<String> down = get("/health/ready");
        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(json(down)).isEqualTo(JSON.readTree(
                "{\"status\":\"down\",\"checks\":{\"listening\":\"up\",\"sink:kafka\":\"down\"}}"));

        checks.put("sink:kafka", true);
        HttpResponse<String> up = get("/health/ready");
        assertThat(up.statusCode()).isEqualTo(200);
        assertThat(json(up)).isEqualTo(JSON.readTree(
                "{\"status\":\"up\",\"checks\":{\"listening\":\"up\",\"sink:kafka\":\"up\"}}"));

        checks.put("listening", false);
        assertThat(get("/health/ready").statusCode()).isEqualTo(503);
    }

    @Test
    void aFailingRouteIsA500AndTheServerCarriesOn() throws Exception {
        readiness = () -> {
            throw new IllegalStateException("boom");
        };
        HttpResponse<String> failed = get("/health/ready");
        readiness = () -> {
            throw new StackOverflowError();
        };
        // More requests than threads: an Error that killed a thread would leave none to answer.
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> overflowed = get("/health/ready");
            assertThat(overflowed.statusCode()).isEqualTo(500);
            assertThat(json(overflowed).get("error").asText()).isEqualTo("internal error");
        }

        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(get("/health/live").statusCode()).isEqualTo(200);
        assertThat(metrics.get("ncbridge.internal.errors").tag("where", "http").functionCounter().count()).isEqualTo(4);
    }

    @Test
    void sourcesListsWhatWasObserved() throws Exception {
        InetSocketAddress web = new InetSocketAddress("10.0.0.5", 6665);
        sources.observe(numbered(7).source(web).receivedAtNanos(atSecond(1)).build().withHostName("web-42"));
        sources.observe(lossOf("msgid", 8, 9).source(web).receivedAtNanos(atSecond(2)).build());
        sources.observe(numbered(10).source(web).receivedAtNanos(atSecond(3)).build().withHostName("web-42"));
        sources.observe(numbered(1).source(new InetSocketAddress("10.0.0.6", 6666)).receivedAtNanos(atSecond(3))
                .build());

        HttpResponse<String> response = get("/api/v1/sources");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode list = json(response);
        assertThat(list).hasSize(2);
        assertThat(list.get(0)).isEqualTo(JSON.readTree("""
                {"address": "10.0.0.5", "port": 6665, "name": "web-42", "state": "active", "expected": false,
                 "format": "extended", "release": null,
                 "first_seen": "2026-11-21T10:00:01.000000Z", "last_seen": "2026-11-21T10:00:03.000000Z",
                 "messages": 2, "events": 1, "last_seq": 10, "last_kernel_ts_us": 10000,
                 "gaps": 1, "lost_messages": 2, "duplicates": 0, "resets": 0,
                 "pings": 0, "last_ping_at": null, "last_ping_nonce": null, "crashes": 0, "last_crash": null}
                """));
        assertThat(list.get(1).get("address").asText()).isEqualTo("10.0.0.6");
    }

    @Test
    void oneSourceByAddressAndPortOrEverySourceOfAnAddress() throws Exception {
        sources.observe(numbered(1).source("10.0.0.5").receivedAtNanos(atSecond(1)).build());
        sources.observe(numbered(1).source(new InetSocketAddress("10.0.0.5", 6666)).receivedAtNanos(atSecond(1))
                .build());
        sources.observe(numbered(1).source("10.0.0.6").receivedAtNanos(atSecond(1)).build());
        sources.observe(numbered(1).source("::1").receivedAtNanos(atSecond(1)).build());

        HttpResponse<String> one = get("/api/v1/sources/10.0.0.5:6666");
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(json(one).get("port").asInt()).isEqualTo(6666);

        HttpResponse<String> both = get("/api/v1/sources/10.0.0.5");
        assertThat(both.statusCode()).isEqualTo(200);
        assertThat(json(both)).extracting(n -> n.get("port").asInt()).containsExactly(6665, 6666);

        // Brackets are not allowed raw in a URI path; clients percent-encode them.
        HttpResponse<String> v6 = get("/api/v1/sources/%5B::1%5D:6665");
        assertThat(v6.statusCode()).isEqualTo(200);
        assertThat(json(v6).get("address").asText()).isEqualTo("::1");
    }

    @Test
    void unknownSourcesAre404AndBadAddresses400() throws Exception {
        sources.observe(numbered(1).source("10.0.0.5").receivedAtNanos(atSecond(1)).build());

        for (String path : new String[] {"/api/v1/sources/10.0.0.5:1", "/api/v1/sources/10.0.0.9"}) {
            HttpResponse<String> response = get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(json(response).get("error").asText()).startsWith("no source ");
        }
        HttpResponse<String> bad = get("/api/v1/sources/web-42");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json(bad).get("error").asText()).startsWith("\"web-42\" is not an IP address");
    }

    @Test
    void aPingIsFoundByItsNonceWithEveryArrival() throws Exception {
        Ping ping = new Ping("0123456789abcdef0123456789abcdef", "kmsg", "t1");
        pings.arrived(pinged(numbered(7).source("10.0.0.5").receivedAtNanos(atSecond(1)).build()
                .withHostName("web-42"), ping));
        pings.arrived(pinged(numbered(9).source(new InetSocketAddress("10.0.0.5", 6666)).receivedAtNanos(atSecond(2))
                .build().withHostName("web-42"), ping));

        JsonNode found = json(get("/api/v1/pings/0123456789abcdef0123456789abcdef"));
        HttpResponse<String> missing = get("/api/v1/pings/ffffffffffffffff");

        assertThat(found.get("via").asText()).isEqualTo("kmsg");
        assertThat(found.get("target").asText()).isEqualTo("t1");
        assertThat(found.get("arrivals")).hasSize(2);
        assertThat(found.get("arrivals").get(1).get("port").asInt()).isEqualTo(6666);
        assertThat(found.get("arrivals").get(0).get("host").asText()).isEqualTo("web-42");
        assertThat(found.get("arrivals").get(0).get("received_at").asText()).endsWith("Z");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("ffffffffffffffff");
    }

    @Test
    void sourcesFilterByState() throws Exception {
        sources.observe(numbered(1).source("10.0.0.5").receivedAtNanos(atSecond(1)).build());

        assertThat(json(get("/api/v1/sources?state=active"))).hasSize(1);
        assertThat(json(get("/api/v1/sources?state=silent"))).isEmpty();
        HttpResponse<String> bad = get("/api/v1/sources?state=asleep");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("never_seen");
    }

    @Test
    void sourcesComeInPagesLinkedByACursor(@TempDir Path dir) throws Exception {
        Path hosts = Files.writeString(dir.resolve("hosts"), "10.0.0.9 never\n");
        SourceRegistry withInventory = new SourceRegistry(
                new SilencePolicy(null, Inventory.read(hosts, Duration.ofHours(1))), 0);
        for (String address : new String[] {"::1", "10.0.0.10", "10.0.0.5", "10.0.0.6"}) {
            withInventory.observe(numbered(1).source(new InetSocketAddress(address, 6665))
                    .receivedAtNanos(atSecond(1)).build());
        }
        withInventory.observe(numbered(1).source(new InetSocketAddress("10.0.0.5", 6666)).receivedAtNanos(atSecond(1))
                .build());
        HttpEndpoint paged = HttpEndpoint.start(new InetSocketAddress("127.0.0.1", 0), metrics, () -> checks,
                withInventory, pings, null, HttpEndpointTest::reload);
        try {
            List<String> seen = new ArrayList<>();
            List<Integer> sizes = new ArrayList<>();
            String next = "/api/v1/sources?limit=2";
            while (next != null) {
                HttpResponse<String> page = client.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + paged.address().getPort() + next)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(page.statusCode()).isEqualTo(200);
                json(page).forEach(v -> seen.add(v.get("address").asText() + " " + v.get("port").asText()));
                sizes.add(json(page).size());
                next = page.headers().firstValue("Link")
                        .map(link -> link.substring(link.indexOf('<') + 1, link.indexOf(">; rel=\"next\""))).orElse(null);
            }
            // Numerically by address (10.0.0.10 after 10.0.0.9), the never-seen host in its place, IPv6 last.
            assertThat(seen).containsExactly("10.0.0.5 6665", "10.0.0.5 6666", "10.0.0.6 6665", "10.0.0.9 null",
                    "10.0.0.10 6665", "::1 6665");
            assertThat(sizes).containsExactly(2, 2, 2);
        } finally {
            paged.stop();
        }
    }

    @Test
    void aPageLinkKeepsTheFiltersAndACursorNeedNotBeASourceStillKnown() throws Exception {
        for (int port = 1; port <= 5; port++) {
            sources.observe(numbered(1).source(new InetSocketAddress("10.0.0.5", port)).receivedAtNanos(atSecond(1))
                    .build());
        }

        HttpResponse<String> first = get("/api/v1/sources?state=active&limit=2");
        assertThat(first.headers().firstValue("Link"))
                .hasValue("</api/v1/sources?after=10.0.0.5%3A2&limit=2&state=active>; rel=\"next\"");
        assertThat(json(get("/api/v1/sources?after=10.0.0.5:3"))).extracting(v -> v.get("port").asInt())
                .containsExactly(4, 5);
        assertThat(json(get("/api/v1/sources?after=10.0.0.4:9"))).hasSize(5);
        assertThat(get("/api/v1/sources?after=10.0.0.5:5").body()).isEqualTo("[]");
        HttpResponse<String> byAddress = get("/api/v1/sources/10.0.0.5?limit=3");
        assertThat(json(byAddress)).extracting(v -> v.get("port").asInt()).containsExactly(1, 2, 3);
        assertThat(byAddress.headers().firstValue("Link"))
                .hasValue("</api/v1/sources/10.0.0.5?after=10.0.0.5%3A3&limit=3>; rel=\"next\"");
        assertThat(get("/api/v1/sources").headers().firstValue("Link")).as("all fit the default limit").isEmpty();
    }

    @Test
    void aBadLimitOrCursorIs400() throws Exception {
        for (String limit : new String[] {"0", "10001", "ten", "-1"}) {
            HttpResponse<String> bad = get("/api/v1/sources?limit=" + limit);
            assertThat(bad.statusCode()).as(limit).isEqualTo(400);
            assertThat(json(bad).get("error").asText()).isEqualTo("limit must be a whole number from 1 to 10000, not \""
                    + limit + "\"");
        }
        HttpResponse<String> bad = get("/api/v1/sources?after=web-42");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json(bad).get("error").asText()).startsWith("after: \"web-42\" is not an IP address");
        assertThat(metrics.find("ncbridge.internal.errors").functionCounter().count()).as("bad input is no internal error")
                .isZero();
    }

    @Test
    void withATokenTheApiWantsItButMetricsAndHealthStayOpen() throws Exception {
        String token = "0123456789abcdef0123456789abcdef";
        HttpEndpoint guarded = HttpEndpoint.start(new InetSocketAddress("127.0.0.1", 0), metrics, () -> checks,
                sources, pings, ApiToken.parse(token), HttpEndpointTest::reload);
        try {
            URI api = URI.create("http://127.0.0.1:" + guarded.address().getPort() + "/api/v1/sources");
            for (String authorization : new String[] {null, "Bearer " + token + "0", "Bearer 0123", "Basic " + token}) {
                HttpRequest.Builder request = HttpRequest.newBuilder(api);
                if (authorization != null) {
                    request.header("Authorization", authorization);
                }
                HttpResponse<String> refused = send(request.build());
                assertThat(refused.statusCode()).as(String.valueOf(authorization)).isEqualTo(401);
                assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"ncbridge\"");
                assertThat(json(refused).get("error").asText()).doesNotContain(token);
            }
            assertThat(send(HttpRequest.newBuilder(api).header("Authorization", "Bearer " + token).build())
                    .statusCode()).isEqualTo(200);
            assertThat(send(HttpRequest.newBuilder(api).header("Authorization", "bearer " + token).build())
                    .statusCode()).as("the scheme is case-blind").isEqualTo(200);
            int before = reloads.get();
            nextReload.set(ReloadOutcome.applied(List.of()));
            HttpRequest.Builder reload = HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + guarded.address().getPort() + "/api/v1/reload")).POST(HttpRequest.BodyPublishers.noBody());
            assertThat(send(reload.build()).statusCode()).as("the reload is behind the token too").isEqualTo(401);
            assertThat(reloads.get()).isEqualTo(before);
            assertThat(send(reload.header("Authorization", "Bearer " + token).build()).statusCode()).isEqualTo(200);
            assertThat(reloads.get()).isEqualTo(before + 1);
            for (String open : new String[] {"/metrics", "/health/live", "/health/ready"}) {
                assertThat(send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + guarded.address().getPort()
                        + open)).build()).statusCode()).as(open).isEqualTo(200);
            }
        } finally {
            guarded.stop();
        }
    }

    @Test
    void unknownPathsAre404() throws Exception {
        for (String path : new String[] {"/", "/metrics/", "/health", "/api/v1/things"}) {
            HttpResponse<String> response = get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(json(response).get("error").asText()).isEqualTo("no such endpoint: " + path);
        }
    }

    @Test
    void onlyGetIsAllowed() throws Exception {
        for (String method : new String[] {"POST", "PUT", "DELETE"}) {
            HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/v1/sources"))
                    .method(method, HttpRequest.BodyPublishers.ofString("{}")).build());
            assertThat(response.statusCode()).as(method).isEqualTo(405);
            assertThat(response.headers().firstValue("Allow")).hasValue("GET");
        }
        assertThat(get("/health/live").statusCode()).isEqualTo(200);
    }

    @Test
    void stopFreesThePort() throws Exception {
        HttpEndpoint other = HttpEndpoint.start(new InetSocketAddress("127.0.0.1", 0), metrics, () -> checks, sources, pings,
                null, HttpEndpointTest::reload);
        int port = other.address().getPort();
        other.stop();

        try (ServerSocket again = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
            assertThat(again.getLocalPort()).isEqualTo(port);
        }
    }
}
