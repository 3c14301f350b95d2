package dev.ncbridge.app.http;

import dev.ncbridge.app.liveness.PingRegistry;
import dev.ncbridge.app.sources.SourceQuery;
import dev.ncbridge.app.sources.SourceRegistry;
import dev.ncbridge.app.sources.SourceState;
import dev.ncbridge.app.sources.SourceView;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Answers a GET for a path: the endpoint's whole URL space. */
final class Routes {
    /** The Prometheus text exposition format, which every Prometheus-compatible scraper reads. */
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    private static final String SOURCES = "/api/v1/sources";
    private static final String PINGS = "/api/v1/pings/";
    private static final String CRASHES = "/api/v1/crashes";

    private final PrometheusMeterRegistry metrics;
    private final Readiness readiness;
    private final SourceRegistry sources;
    private final PingRegistry pings;

    Routes(PrometheusMeterRegistry metrics, Readiness readiness, SourceRegistry sources, PingRegistry pings) {
        this.metrics = metrics;
        this.readiness = readiness;
        this.sources = sources;
        this.pings = pings;
    }

    /** @param path the request path, percent-decoded, without the query */
    Response get(String path, Query query) {
        return switch (path) {
            case "/metrics" -> Response.text(PROMETHEUS_TEXT, metrics.scrape(PROMETHEUS_TEXT));
            case "/health/live" -> Response.json(200, Map.of("status", "up"));
            case "/health/ready" -> ready();
            case SOURCES -> sources(query);
            case CRASHES -> Response.json(200, Map.of("crashes", sources.recentCrashes()));
            default -> {
                if (path.startsWith(SOURCES + "/")) {
                    yield source(path, path.substring(SOURCES.length() + 1), query);
                }
                if (path.startsWith(PINGS)) {
                    yield ping(path.substring(PINGS.length()));
                }
                yield Response.error(404, "no such endpoint: " + path);
            }
        };
    }

    private Response sources(Query query) {
        String state = query.get("state");
        try {
            SourcePage page = SourcePage.of(query);
            return page.answer(SOURCES, query, state == null ? sources.snapshot()
                    : sources.snapshot(SourceState.parse(state)));
        } catch (IllegalArgumentException e) {
            return Response.error(400, e.getMessage());
        }
    }

    private Response ping(String nonce) {
        PingRegistry.PingView found = pings.find(nonce);
        return found == null ? Response.error(404, "no ping with nonce " + nonce + " has arrived")
                : Response.json(200, found);
    }

    private Response ready() {
        Map<String, String> checks = new TreeMap<>();
        boolean ready = true;
        for (Map.Entry<String, Boolean> check : readiness.checks().entrySet()) {
            boolean up = Boolean.TRUE.equals(check.getValue());
            checks.put(check.getKey(), up ? "up" : "down");
            ready &= up;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", ready ? "up" : "down");
        body.put("checks", checks);
        List<String> spooling = readiness.spooling();
        if (!spooling.isEmpty()) {
            body.put("spooling", spooling);
        }
        return Response.json(ready ? 200 : 503, body);
    }

    /** One source when the address has a port; every source of the address, paged, when it has none. */
    private Response source(String path, String address, Query query) {
        SourceQuery wanted;
        SourcePage page;
        try {
            wanted = SourceQuery.parse(address);
            page = SourcePage.of(query);
        } catch (IllegalArgumentException e) {
            return Response.error(400, e.getMessage());
        }
        List<SourceView> found = sources.find(wanted);
        if (found.isEmpty()) {
            return Response.error(404, "no source " + address);
        }
        return wanted.hasPort() ? Response.json(200, found.get(0)) : page.answer(path, query, found);
    }
}
