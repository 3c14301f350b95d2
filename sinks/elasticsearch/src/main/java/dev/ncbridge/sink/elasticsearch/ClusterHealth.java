package dev.ncbridge.sink.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch._types.HealthStatus;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the cluster is reachable and not red, checked every {@code health_check_interval} on a
 * thread of its own (never per batch: the check is for readiness, and must cost the cluster
 * next to nothing). Yellow counts as healthy: the cluster indexes, only replicas are missing.
 */
final class ClusterHealth implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ClusterHealth.class);

    private final ElasticsearchAsyncClient client;
    private final Duration timeout;
    private final String sink;
    private final ScheduledExecutorService timer;
    private volatile boolean healthy;
    private volatile String lastProblem;

    ClusterHealth(ElasticsearchAsyncClient client, Duration timeout, String sink) {
        this.client = client;
        this.timeout = timeout;
        this.sink = sink;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "es-health-" + sink);
            t.setDaemon(true);
            return t;
        });
    }

    /** Checks now, then every {@code interval}. */
    void start(Duration interval) {
        check();
        timer.scheduleWithFixedDelay(this::check, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    boolean healthy() {
        return healthy;
    }

    void check() {
        String problem;
        try {
            HealthStatus status = client.cluster().health().get(timeout.toMillis(), TimeUnit.MILLISECONDS).status();
            problem = status == HealthStatus.Red ? "cluster health is red" : null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (Exception e) {
            problem = "cluster unreachable: " + e;
        }
        healthy = problem == null;
        if (problem != null && !problem.equals(lastProblem)) {
            log.warn("sink {}: not ready: {}", sink, problem);
        } else if (problem == null && lastProblem != null) {
            log.info("sink {}: cluster reachable again", sink);
        }
        lastProblem = problem;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
