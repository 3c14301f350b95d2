package dev.ncbridge.sink.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks at start that a fixed topic exists, so that a typo in {@code topic} stops the bridge with
 * a message naming the topic instead of retrying for ever. A cluster that cannot be reached does
 * not stop the start: a shipper comes up, reports itself not ready, and delivers once the cluster
 * is back.
 */
final class TopicCheck {
    static final String AUTO_CREATE = "auto.create.topics.enable";
    private static final Logger log = LoggerFactory.getLogger(TopicCheck.class);

    private TopicCheck() {
    }

    /**
     * @return whether the topic exists (false also when the cluster could not tell)
     * @throws IllegalStateException naming the topic when it does not exist and the brokers do not
     *         create topics on first use
     */
    static boolean check(Admin admin, String sink, String topic, Duration timeout) throws InterruptedException {
        try {
            admin.describeTopics(List.of(topic), new DescribeTopicsOptions().timeoutMs((int) timeout.toMillis()))
                    .allTopicNames().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                log.warn("sink {}: cannot check that topic \"{}\" exists ({}); starting not ready", sink, topic,
                        e.getCause().toString());
                return false;
            }
        } catch (java.util.concurrent.TimeoutException e) {
            log.warn("sink {}: the Kafka cluster did not answer within {} s; starting not ready, records wait for it",
                    sink, timeout.toSeconds());
            return false;
        }
        Optional<Boolean> autoCreate = autoCreate(admin, timeout);
        if (autoCreate.orElse(false)) {
            log.info("sink {}: topic \"{}\" does not exist yet; the brokers create it with the first record", sink, topic);
            return false;
        }
        throw new IllegalStateException(missing(topic, autoCreate));
    }

    /** The message for a topic that does not exist and will not be created. */
    static String missing(String topic, Optional<Boolean> autoCreate) {
        return "topic \"" + topic + "\" does not exist in the Kafka cluster and the brokers "
                + (autoCreate.isPresent() ? "do not create topics (" + AUTO_CREATE + "=false)"
                        : "may not create it (" + AUTO_CREATE + " could not be read)")
                + ": create the topic, or correct the sink's topic key";
    }

    /** The brokers' auto.create.topics.enable, read from one broker; empty when it cannot be read. */
    private static Optional<Boolean> autoCreate(Admin admin, Duration timeout) throws InterruptedException {
        try {
            Node node = admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS).iterator().next();
            ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER, node.idString());
            Config config = admin.describeConfigs(List.of(broker)).all()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS).get(broker);
            ConfigEntry entry = config.get(AUTO_CREATE);
            return entry == null || entry.value() == null ? Optional.empty() : Optional.of(Boolean.parseBoolean(entry.value()));
        } catch (ExecutionException | java.util.concurrent.TimeoutException | java.util.NoSuchElementException e) {
            log.warn("cannot read the brokers' {}: {}", AUTO_CREATE, e.toString());
            return Optional.empty();
        }
    }
}
