package dev.ncbridge.sink.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch._types.HealthStatus;
import dev.ncbridge.sink.PeriodicHealthCheck;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Whether the cluster is reachable and not red, for readiness. Yellow counts as healthy: the
 * cluster indexes, only replicas are missing.
 */
final class ClusterHealth {
    private ClusterHealth() {
    }

    static PeriodicHealthCheck check(ElasticsearchAsyncClient client, Duration timeout, String sink) {
        return new PeriodicHealthCheck(sink, "es-health-" + sink, () -> {
            HealthStatus status = client.cluster().health().get(timeout.toMillis(), TimeUnit.MILLISECONDS).status();
            return status == HealthStatus.Red ? "cluster health is red" : null;
        });
    }
}
