package dev.ncbridge.sink.kafka;

import dev.ncbridge.sink.PeriodicHealthCheck;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/** Whether the Kafka cluster answers, for readiness: it is asked to describe itself (one small request). */
final class ClusterProbe {
    private ClusterProbe() {
    }

    static PeriodicHealthCheck check(Admin admin, String sink, Duration timeout) {
        return new PeriodicHealthCheck(sink, "kafka-probe-" + sink, () -> {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()))
                    .clusterId().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return null;
        });
    }
}
