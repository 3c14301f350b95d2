package dev.ncbridge.app.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ncbridge.app.liveness.PingRegistry;
import dev.ncbridge.sink.InternalErrorMeters;
import dev.ncbridge.ingest.errors.InternalErrors;
import dev.ncbridge.app.sources.SourceRegistry;
import dev.ncbridge.config.ApiToken;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side door: {@code /metrics}, {@code /health/live}, {@code /health/ready},
 * {@code /api/v1/sources}, {@code /api/v1/crashes}, {@code /api/v1/pings} and {@code POST /api/v1/reload}
 * (docs/api.md), the API for allowed clients only ({@link ApiAccess}). Every other path is read-only: GET alone. It serves scrapers and
 * probes, not traffic, so the JDK's server and two threads are enough.
 */
public final class HttpEndpoint {
    private static final Logger log = LoggerFactory.getLogger(HttpEndpoint.class);
    private static final int THREADS = 2;
    private static final String API = "/api/";
    private static final String RELOAD = "/api/v1/reload";

    private final HttpServer server;
    private final ExecutorService executor;
    private final Routes routes;
    private final ApiAccess access;
    private final InternalErrors errors;
    private final Supplier<ReloadOutcome> reload;

    private HttpEndpoint(HttpServer server, ExecutorService executor, Routes routes, ApiAccess access,
                         InternalErrors errors, Supplier<ReloadOutcome> reload) {
        this.server = server;
        this.executor = executor;
        this.routes = routes;
        this.access = access;
        this.errors = errors;
        this.reload = reload;
    }

    /**
     * Binds {@code listen} (port 0 picks a free port; see {@link #address()}) and starts serving.
     *
     * @param apiToken what API clients must send; null: the API answers loopback clients only
     * @param reload reloads the configuration, for {@code POST /api/v1/reload}
     * @throws IOException when the address cannot be bound
     */
    public static HttpEndpoint start(InetSocketAddress listen, PrometheusMeterRegistry metrics, Readiness readiness,
                                     SourceRegistry sources, PingRegistry pings, ApiToken apiToken,
                                     Supplier<ReloadOutcome> reload) throws IOException {
        HttpServer server = HttpServer.create(listen, 0);
        ExecutorService executor = Executors.newFixedThreadPool(THREADS, daemonThreads());
        HttpEndpoint endpoint = new HttpEndpoint(server, executor, new Routes(metrics, readiness, sources, pings),
                new ApiAccess(apiToken), InternalErrorMeters.of(metrics, "http"), reload);
        server.createContext("/", endpoint::handle);
        server.setExecutor(executor);
        server.start();
        return endpoint;
    }

    /** The address actually bound, with the chosen port when 0 was asked for. */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /**
     * Closes the socket and every open connection at once (probes and scrapes simply retry).
     * Must be called on shutdown: the server's dispatcher thread keeps the JVM alive until then.
     */
    public void stop() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) {
        try {
            send(exchange, answer(exchange));
        } catch (IOException e) {
            log.debug("http: could not answer {}: {}", exchange.getRequestURI(), e.toString());
        } catch (Throwable t) {
            errors.caught("answering " + exchange.getRequestURI().getPath(), t);
        } finally {
            exchange.close();
        }
    }

    /**
     * The answer to the request; a failing route is a 500 for that request only, counted, never a
     * dead thread.
     */
    private Response answer(HttpExchange exchange) {
        String path = exchange.getRequestURI().getPath();
        try {
            // The reload is the one request that changes anything, so the one that must be a POST.
            String method = RELOAD.equals(path) ? "POST" : "GET";
            if (!method.equals(exchange.getRequestMethod())) {
                return Response.error(405, "method not allowed: use " + method).withHeader("Allow", method);
            }
            if (path.startsWith(API)) {
                Response refusal = access.refusal(exchange.getRemoteAddress().getAddress(),
                        exchange.getRequestHeaders().getFirst("Authorization"));
                if (refusal != null) {
                    return refusal;
                }
            }
            return RELOAD.equals(path) ? reload.get().answer()
                    : routes.get(path, Query.parse(exchange.getRequestURI().getRawQuery()));
        } catch (Throwable t) {
            errors.caught(exchange.getRequestMethod() + " " + path, t);
            return Response.error(500, "internal error");
        }
    }

    private static void send(HttpExchange exchange, Response response) throws IOException {
        response.headers().forEach(exchange.getResponseHeaders()::set);
        exchange.getResponseHeaders().set("Content-Type", response.contentType());
        byte[] body = response.body();
        // A length of 0 would mean chunked encoding to this server; -1 means no body.
        exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "http-" + n.incrementAndGet());
            // A request in progress must not hold up the process's exit. (The JDK's own dispatcher
            // thread is not a daemon: stop() ends it.)
            t.setDaemon(true);
            return t;
        };
    }
}
