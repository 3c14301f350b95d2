package dev.ncbridge.sink.kafka.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;

/**
 * A real single-node Kafka (KRaft broker and controller in one process) on 127.0.0.1, for tests
 * and the bench. It runs as a child JVM on this JVM's class path (which must hold
 * {@code org.apache.kafka:kafka_2.13}), so a test can stop it to simulate an outage and start it
 * again on the same ports and data. Ports are free ones picked at start; data lives in a temporary
 * directory deleted by {@link #close()}. The broker's output goes to {@code target/kafka-broker-*.log},
 * whose tail is in the exception when it does not come up.
 *
 * <p>Topics are not created automatically ({@code auto.create.topics.enable=false}, the safe
 * production setting): create them with {@link #createTopic}.
 */
public final class KafkaBroker implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
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
    private final Path output;
    private final int port;
    private final Thread killOnExit;
    private Process process;

    private KafkaBroker(Path dir, Path properties, Path output, int port) {
        this.dir = dir;
        this.properties = properties;
        this.output = output;
        this.port = port;
        this.killOnExit = new Thread(this::kill, "kafka-broker-kill");
    }

    /** Why a broker could not be started, with the tail of its output. */
    public static final class StartException extends Exception {
        StartException(String message) {
            super(message);
        }
    }

    /** Formats the storage of a new broker and starts it; returns once it answers. */
    public static KafkaBroker start() throws StartException {
        return start(Map.of());
    }

    /** The same, with broker properties added or replaced ({@code auto.create.topics.enable}...). */
    public static KafkaBroker start(Map<String, String> overrides) throws StartException {
        KafkaBroker broker;
        try {
            Path dir = Files.createTempDirectory("ncbridge-kafka-");
            int port = freePort();
            int controllerPort = freePort();
            Path props = dir.resolve("server.properties");
            Files.writeString(props, serverProperties(dir.resolve("data"), port, controllerPort, overrides));
            Files.writeString(dir.resolve("logback.xml"), BROKER_LOGGING);
            Path logs = Path.of("target");
            Files.createDirectories(logs);
            Path output = logs.resolve("kafka-broker-" + port + ".log");
            broker = new KafkaBroker(dir, props, output, port);
        } catch (IOException e) {
            throw new StartException("cannot prepare the broker's files: " + e);
        }
        Runtime.getRuntime().addShutdownHook(broker.killOnExit);
        try {
            broker.format();
            broker.restart();
        } catch (StartException e) {
            broker.close();
            throw e;
        }
        return broker;
    }

    /** {@code 127.0.0.1:<port>}, for bootstrap.servers. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** Starts the broker again (after {@link #stop()}) on the same ports and data; returns once it answers. */
    public void restart() throws StartException {
        process = java("kafka.Kafka", properties.toString());
        awaitReady();
    }

    /** Stops the broker (as SIGTERM does) and waits for it to exit; the data stays for {@link #restart()}. */
    public void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        process = null;
    }

    /** Creates topics with the given number of partitions (replication factor 1) and waits until they exist. */
    public void createTopic(String name, int partitions) {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("cannot create topic " + name + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An admin client for this broker; the caller closes it. */
    public Admin admin() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
        return Admin.create(p);
    }

    /** Stops the broker and deletes its data. */
    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down; the hook kills the broker.
        }
        deleteRecursively(dir);
    }

    private void kill() {
        Process p = process;
        if (p != null) {
            p.destroyForcibly();
        }
    }

    private void format() throws StartException {
        Process format = java("kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(), "-c",
                properties.toString());
        try {
            if (!format.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                format.destroyForcibly();
                throw new StartException("formatting the storage did not finish" + tail());
            }
            if (format.exitValue() != 0) {
                throw new StartException("formatting the storage failed with exit code " + format.exitValue() + tail());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            format.destroyForcibly();
            throw new StartException("interrupted while formatting");
        }
    }

    private void awaitReady() throws StartException {
        try (Admin admin = admin()) {
            await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                    .failFast("the broker process exited", () -> !process.isAlive())
                    .until(() -> !admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty());
        } catch (ConditionTimeoutException | TerminalFailureException e) {
            String why = process.isAlive() ? "did not answer within " + START_TIMEOUT.toSeconds() + " s"
                    : "exited with code " + process.exitValue();
            stop();
            throw new StartException("the broker " + why + tail());
        }
    }

    private Process java(String mainClass, String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms128m", "-Xmx512m",
                "-Djava.awt.headless=true",
                "-Dlogback.configurationFile=" + dir.resolve("logback.xml"),
                "-cp", System.getProperty("java.class.path"),
                mainClass));
        command.addAll(List.of(args));
        try {
            return new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start java for " + mainClass, e);
        }
    }

    /** The last lines of the broker's output, for a failure message. */
    private String tail() {
        try {
            List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
            return "; last lines of " + output.toAbsolutePath() + ":\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "; no output in " + output.toAbsolutePath();
        }
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

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("cannot delete " + root + ": " + e);
        }
    }
}
