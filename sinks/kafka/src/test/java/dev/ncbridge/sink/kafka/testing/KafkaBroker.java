package dev.ncbridge.sink.kafka.testing;

import dev.ncbridge.ingest.testing.LoopbackServer;
import dev.ncbridge.ingest.testing.ServerStartException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.RetriableException;

/**
 * A real single-node Kafka (KRaft broker and controller in one process) on 127.0.0.1, for tests
 * and the bench. It runs as a child JVM on this JVM's class path (which must hold
 * {@code org.apache.kafka:kafka_2.13}), so a test can stop it to simulate an outage and start it
 * again on the same ports and data. Ports are free ones picked at start; data lives in a temporary
 * directory deleted by {@link #close()}.
 *
 * <p>Topics are not created automatically ({@code auto.create.topics.enable=false}, the safe
 * production setting): create them with {@link #createTopic}.
 */
public final class KafkaBroker extends LoopbackServer {
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(60);
    /** The broker logs at INFO to its output file, whatever logging the tests' class path sets up. */
    private static final String BROKER_LOGGING = """
            <configuration>
              <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
                <encoder><pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger{30} - %msg%n</pattern></encoder>
              </appender>
              <root level="INFO"><appender-ref ref="OUT"/></root>
            </configuration>
            """;

    private final Path dir;
    private final Path properties;
    private final int port;

    private KafkaBroker(Map<String, String> overrides) throws IOException {
        super("Kafka");
        this.dir = Files.createTempDirectory("ncbridge-kafka-");
        this.port = freeTcpPort();
        this.properties = dir.resolve("server.properties");
        Files.writeString(properties, serverProperties(dir.resolve("data"), port, freeTcpPort(), overrides));
        Files.writeString(dir.resolve("logback.xml"), BROKER_LOGGING);
    }

    /** Formats the storage of a new broker and starts it; returns once it answers. */
    public static KafkaBroker start() throws ServerStartException {
        return start(Map.of());
    }

    /** The same, with broker properties added or replaced ({@code auto.create.topics.enable}...). */
    public static KafkaBroker start(Map<String, String> overrides) throws ServerStartException {
        KafkaBroker broker;
        try {
            broker = new KafkaBroker(overrides);
        } catch (IOException e) {
            throw new ServerStartException("Kafka", "cannot prepare the broker's files: " + e);
        }
        return launched(broker, broker::format);
    }

    /** {@code 127.0.0.1:<port>}, for bootstrap.servers. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    @Override
    protected ProcessBuilder command() {
        return java("kafka.Kafka", properties.toString());
    }

    /** Ready once the broker is in the cluster and every partition it holds (after a restart) has a leader again. */
    @Override
    protected boolean ready() throws Exception {
        try (Admin admin = admin()) {
            return !admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()
                    && allLed(admin, admin.listTopics().names().get(5, TimeUnit.SECONDS));
        }
    }

    /** Kafka's own word for an error worth retrying (no leader yet, metadata not yet propagated, a timeout). */
    @Override
    protected boolean isTransient(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof RetriableException || t instanceof java.util.concurrent.TimeoutException) {
                return true;
            }
        }
        return super.isTransient(error);
    }

    /**
     * Creates a topic with the given number of partitions (replication factor 1) and returns once
     * every partition has a leader, so that producers and consumers find it at once.
     */
    public void createTopic(String name, int partitions) {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
            await("topic " + name + " has leaders", METADATA_TIMEOUT).until(() -> allLed(admin, Set.of(name)));
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("cannot create topic " + name + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The partitions of {@code topic}, once the broker knows them all with a leader: what a
     * consumer assigns itself. Retries through the errors of a broker just started or restarted.
     */
    public List<TopicPartition> partitions(String topic) {
        try (Admin admin = admin()) {
            List<TopicPartition> out = new ArrayList<>();
            await("the partitions of " + topic, METADATA_TIMEOUT).until(() -> {
                TopicDescription d = admin.describeTopics(Set.of(topic)).allTopicNames().get(5, TimeUnit.SECONDS)
                        .get(topic);
                out.clear();
                d.partitions().forEach(p -> out.add(new TopicPartition(topic, p.partition())));
                return d.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty());
            });
            return out;
        }
    }

    private void format() throws ServerStartException {
        runToEnd("formatting the storage", java("kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(),
                "-c", properties.toString()));
    }

    /** An admin client for this broker; the caller closes it. */
    public Admin admin() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
        return Admin.create(p);
    }

    @Override
    protected void deleteFiles() {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("cannot delete " + dir + ": " + e);
        }
    }

    /** Whether every partition of {@code topics} has a leader. */
    private static boolean allLed(Admin admin, Set<String> topics) throws Exception {
        Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames().get(5, TimeUnit.SECONDS);
        return described.values().stream().flatMap(d -> d.partitions().stream())
                .allMatch(p -> p.leader() != null && !p.leader().isEmpty());
    }

    private ProcessBuilder java(String mainClass, String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms128m", "-Xmx512m",
                "-Djava.awt.headless=true",
                "-Dlogback.configurationFile=" + dir.resolve("logback.xml"),
                "-cp", System.getProperty("java.class.path"),
                mainClass));
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }

    private static String serverProperties(Path data, int port, int controllerPort, Map<String, String> overrides) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", data.toString());
        p.put("auto.create.topics.enable", "false");
        p.put("num.partitions", "1");
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "2");
        p.put("background.threads", "2");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.putAll(overrides);
        StringBuilder text = new StringBuilder();
        p.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        return text.toString();
    }
}
