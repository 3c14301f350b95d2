package dev.ncbridge.sink.kafka;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells whether the Kafka cluster answers, for the readiness check: asks it to describe itself
 * every {@code interval} (one small request) on a thread of its own, so that {@code healthy()}
 * only reads a flag. It logs when the cluster goes away and when it comes back.
 */
final class ClusterProbe implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ClusterProbe.class);

    private final Admin admin;
    private final String sink;
    private final Duration timeout;
    private final ScheduledExecutorService timer;
    private volatile boolean reachable;

    ClusterProbe(Admin admin, String sink, Duration interval) {
        this.admin = admin;
        this.sink = sink;
        this.timeout = interval;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "kafka-probe-" + sink);
            t.setDaemon(true);
            return t;
        });
    }

    /** Probes once now, then every interval. */
    void start() {
        timer.scheduleWithFixedDelay(this::probe, 0, timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    boolean reachable() {
        return reachable;
    }

    private void probe() {
        boolean now;
        try {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()))
                    .clusterId().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            now = true;
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            now = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (now != reachable) {
            if (now) {
                log.info("sink {}: Kafka cluster reachable", sink);
            } else {
                log.warn("sink {}: Kafka cluster not reachable; the sink reports not ready", sink);
            }
        }
        reachable = now;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
