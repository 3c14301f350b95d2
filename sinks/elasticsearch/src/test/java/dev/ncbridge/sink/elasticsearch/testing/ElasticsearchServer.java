package dev.ncbridge.sink.elasticsearch.testing;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.HealthStatus;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import com.sun.security.auth.module.UnixSystem;
import dev.ncbridge.ingest.testing.RequiredServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.http.HttpHost;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.elasticsearch.client.RestClient;

/**
 * A real single-node Elasticsearch for tests and benchmarks, started from the distribution zip
 * that the build of {@code sinks/elasticsearch} resolves from Maven Central and unpacks into
 * {@code sinks/elasticsearch/target/elasticsearch-dist}. Loopback only, random ports, data and
 * logs in a temporary directory, a 512 MiB heap, security off.
 *
 * <p>What that distribution ({@code org.elasticsearch.distribution.integ-test-zip}) is: the
 * server with only the modules {@code transport-netty4}, {@code x-pack-core},
 * {@code x-pack-security} and {@code apm}, and no bundled JDK. So the server runs on this JVM's
 * Java ({@code ES_JAVA_HOME}); {@code xpack.security.enabled=false} is a known setting and turns
 * security off. Composable index templates and data streams created by indexing work (that is
 * core server code), but the {@code _data_stream} REST API of the absent data-streams module does
 * not, so tests reach a data stream by its name or its backing indices.
 *
 * <p>Elasticsearch refuses to run as root: when this JVM is root, the server runs as
 * {@code nobody} through {@code setpriv}, on a copy of its configuration directory and data and
 * log directories owned by that user. The distribution itself is only read.
 */
public final class ElasticsearchServer implements AutoCloseable {
    private static final String SERVER = "Elasticsearch";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    private final Path home;
    private final Path work;
    private final int httpPort;
    private final int transportPort;
    private final boolean asNobody;
    private final ElasticsearchClient client;
    private Process process;
    private final Thread shutdownHook = new Thread(this::kill, "es-test-server-kill");

    private ElasticsearchServer(Path home, Path work, int httpPort, int transportPort, boolean asNobody) {
        this.home = home;
        this.work = work;
        this.httpPort = httpPort;
        this.transportPort = transportPort;
        this.asNobody = asNobody;
        RestClient rest = RestClient.builder(new HttpHost("127.0.0.1", httpPort, "http")).build();
        this.client = new ElasticsearchClient(new RestClientTransport(rest, new JacksonJsonpMapper()));
    }

    /**
     * Starts a server and waits until it answers with a cluster health better than red. If it
     * cannot start, calls {@link RequiredServer#unavailable} (a failure in CI, a skip elsewhere).
     */
    public static ElasticsearchServer start() {
        Path home = distribution();
        try {
            Path work = Files.createTempDirectory("ncbridge-es-");
            boolean asNobody = new UnixSystem().getUid() == 0;
            Files.createDirectories(work.resolve("data"));
            Files.createDirectories(work.resolve("logs"));
            Files.createDirectories(work.resolve("tmp"));
            copyTree(home.resolve("config"), work.resolve("config"));
            if (asNobody) {
                chownToNobody(work);
            }
            ElasticsearchServer server = new ElasticsearchServer(home, work, freePort(), freePort(), asNobody);
            Runtime.getRuntime().addShutdownHook(server.shutdownHook);
            server.launch();
            return server;
        } catch (IOException e) {
            RequiredServer.unavailable(SERVER, e.toString());
            throw new AssertionError("unreachable");
        }
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String url() {
        return "http://127.0.0.1:" + httpPort;
    }

    /** A blocking client of this server, for tests to set up and check what was indexed. */
    public ElasticsearchClient client() {
        return client;
    }

    /** Stops the server gracefully (SIGTERM) and waits for it to exit; its data stays for {@link #restart()}. */
    public void stop() {
        if (process == null) {
            return;
        }
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                kill();
            }
            for (ProcessHandle child : tree) {
                child.onExit().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            kill();
        }
        process = null;
    }

    /** Starts the stopped server again, on the same ports and data. */
    public void restart() {
        if (process != null) {
            throw new IllegalStateException("the server is running");
        }
        launch();
    }

    /** Stops the server and deletes its data. */
    @Override
    public void close() {
        stop();
        try {
            client._transport().close();
        } catch (IOException e) {
            // Nothing is left to do with a client that cannot close.
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // Already shutting down: the hook runs anyway.
        }
        deleteTree(work);
    }

    private void launch() {
        List<String> command = new ArrayList<>();
        if (asNobody) {
            command.addAll(List.of("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"));
        }
        command.add(home.resolve("bin/elasticsearch").toString());
        settings().forEach((k, v) -> command.add("-E" + k + "=" + v));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve("console.log").toFile()));
        Map<String, String> env = builder.environment();
        env.put("ES_JAVA_HOME", System.getProperty("java.home"));
        env.put("ES_JAVA_OPTS", "-Xms512m -Xmx512m");
        env.put("ES_PATH_CONF", work.resolve("config").toString());
        env.put("ES_TMPDIR", work.resolve("tmp").toString());
        try {
            process = builder.start();
        } catch (IOException e) {
            RequiredServer.unavailable(SERVER, "cannot run " + command + ": " + e);
        }
        awaitHealthy();
    }

    private Map<String, String> settings() {
        return Map.of(
                "discovery.type", "single-node",
                "network.host", "127.0.0.1",
                "http.port", Integer.toString(httpPort),
                "transport.port", Integer.toString(transportPort),
                "path.data", work.resolve("data").toString(),
                "path.logs", work.resolve("logs").toString(),
                "xpack.security.enabled", "false",
                // Tests must not depend on how full this machine's disk is.
                "cluster.routing.allocation.disk.threshold_enabled", "false",
                "node.name", "ncbridge-test");
    }

    private void awaitHealthy() {
        try {
            Awaitility.await("Elasticsearch on port " + httpPort)
                    .atMost(START_TIMEOUT)
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException("the server exited with status " + process.exitValue());
                        }
                        return answersNotRed();
                    });
        } catch (ConditionTimeoutException | IllegalStateException e) {
            String tail = logTail();
            System.err.println("Elasticsearch did not start; the end of its console output:\n" + tail);
            kill();
            process = null;
            RequiredServer.unavailable(SERVER, e.getMessage() + "; console: " + work.resolve("console.log"));
        }
    }

    private boolean answersNotRed() {
        try {
            return client.cluster().health().status() != HealthStatus.Red;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(work.resolve("console.log"), StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no console output: " + e + ")";
        }
    }

    /** Ends the server and its child processes at once: only for failures and JVM exit. */
    private void kill() {
        Process p = process;
        if (p != null) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    /**
     * The unpacked distribution: {@code -Dncbridge.elasticsearch.dist=DIR}, or found from the
     * working directory upwards (tests run in their module's directory, the bench in the repository's).
     */
    private static Path distribution() {
        String configured = System.getProperty("ncbridge.elasticsearch.dist");
        Path dist = null;
        if (configured != null) {
            dist = Path.of(configured);
        } else {
            for (Path dir = Path.of("").toAbsolutePath(); dir != null && dist == null; dir = dir.getParent()) {
                Path candidate = dir.resolve("sinks/elasticsearch/target/elasticsearch-dist");
                if (Files.isDirectory(candidate)) {
                    dist = candidate;
                } else if (dir.resolve("target/elasticsearch-dist").toFile().isDirectory()) {
                    dist = dir.resolve("target/elasticsearch-dist");
                }
            }
        }
        if (dist == null) {
            RequiredServer.unavailable(SERVER, "no unpacked distribution in sinks/elasticsearch/target/elasticsearch-dist"
                    + " (build that module first: ./mvnw -pl sinks/elasticsearch -am test-compile)");
        }
        try (Stream<Path> children = Files.list(dist)) {
            Path home = children.filter(p -> p.getFileName().toString().startsWith("elasticsearch-"))
                    .filter(p -> Files.isExecutable(p.resolve("bin/elasticsearch")))
                    .findFirst().orElse(null);
            if (home == null) {
                RequiredServer.unavailable(SERVER, "no elasticsearch-*/bin/elasticsearch in " + dist);
            }
            return home;
        } catch (IOException e) {
            RequiredServer.unavailable(SERVER, "cannot read " + dist + ": " + e);
            throw new AssertionError("unreachable");
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void chownToNobody(Path root) throws IOException {
        UserPrincipalLookupService users = root.getFileSystem().getUserPrincipalLookupService();
        UserPrincipal nobody = users.lookupPrincipalByName("nobody");
        GroupPrincipal nogroup = users.lookupPrincipalByGroupName("nogroup");
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                PosixFileAttributeView view = Files.getFileAttributeView(p, PosixFileAttributeView.class);
                view.setOwner(nobody);
                view.setGroup(nogroup);
            }
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
