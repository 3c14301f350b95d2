package dev.ncbridge.app.http;

import dev.ncbridge.app.sources.SourceQuery;
import dev.ncbridge.app.sources.SourceRegistry;
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

    private final PrometheusMeterRegistry metrics;
    private final Readiness readiness;
    private final SourceRegistry sources;

    Routes(PrometheusMeterRegistry metrics, Readiness readiness, SourceRegistry sources) {
        this.metrics = metrics;
        this.readiness = readiness;
        this.sources = sources;
    }

    /** @param path the request path, percent-decoded, without the query */
    Response get(String path) {
        return switch (path) {
            case "/metrics" -> Response.text(PROMETHEUS_TEXT, metrics.scrape(PROMETHEUS_TEXT));
            case "/health/live" -> Response.json(200, Map.of("status", "up"));
            case "/health/ready" -> ready();
            case SOURCES -> Response.json(200, sources.snapshot());
            default -> path.startsWith(SOURCES + "/")
                    ? source(path.substring(SOURCES.length() + 1))
                    : Response.error(404, "no such endpoint: " + path);
        };
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
        return Response.json(ready ? 200 : 503, body);
    }

    /** One source when the address has a port; every source of the address when it has none. */
    private Response source(String address) {
        SourceQuery query;
        try {
            query = SourceQuery.parse(address);
        } catch (IllegalArgumentException e) {
            return Response.error(400, e.getMessage());
        }
        List<SourceView> found = sources.find(query);
        if (found.isEmpty()) {
            return Response.error(404, "no source " + address);
        }
        return Response.json(200, query.hasPort() ? found.get(0) : found);
    }
}
