package dev.ncbridge.sink.elasticsearch.testing;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.HealthStatus;
import co.elastic.clients.elasticsearch.cluster.HealthResponse;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.TransportException;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import com.sun.security.auth.module.UnixSystem;
import dev.ncbridge.ingest.testing.LoopbackServer;
import dev.ncbridge.ingest.testing.ServerStartException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
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
import java.util.Set;
import java.util.stream.Stream;
import org.apache.http.ConnectionClosedException;
import org.apache.http.HttpHost;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;

/**
 * A real single-node Elasticsearch for tests and benchmarks, started from the distribution zip
 * that the build of {@code sinks/elasticsearch} resolves from Maven Central and unpacks into
 * {@code sinks/elasticsearch/target/elasticsearch-dist}. Loopback only, random ports, data and
 * logs in a temporary directory, a 512 MiB heap, security off. Transient answers (503 while shards
 * are allocated, a refused connection while it restarts) are retried by {@link #await} and
 * {@link #awaitSearchable}.
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
public final class ElasticsearchServer extends LoopbackServer {
    private static final String SERVER = "Elasticsearch";
    /** How long the shards of an index may take to be allocated, after it is created or the server restarted. */
    private static final Duration ALLOCATION_TIMEOUT = Duration.ofMinutes(2);
    /** HTTP statuses a busy or recovering server answers with for a while: timeout, too many requests, unavailable. */
    private static final Set<Integer> TRANSIENT_STATUSES = Set.of(408, 429, 503);
    /**
     * Errors of an index whose shards are not allocated yet (a search over such shards fails with
     * {@code search_phase_execution_exception} and status 503), or that the first write has not
     * created yet: a test waiting for documents waits through them.
     */
    private static final Set<String> TRANSIENT_ERRORS = Set.of("no_shard_available_action_exception",
            "unavailable_shards_exception", "index_not_found_exception");

    private final Path home;
    private final Path work;
    private final int httpPort;
    private final int transportPort;
    private final boolean asNobody;
    private final ElasticsearchClient client;

    private ElasticsearchServer(Path home) throws IOException {
        super(SERVER);
        this.home = home;
        this.work = Files.createTempDirectory("ncbridge-es-");
        this.httpPort = freeTcpPort();
        this.transportPort = freeTcpPort();
        this.asNobody = new UnixSystem().getUid() == 0;
        Files.createDirectories(work.resolve("data"));
        Files.createDirectories(work.resolve("logs"));
        Files.createDirectories(work.resolve("tmp"));
        copyTree(home.resolve("config"), work.resolve("config"));
        if (asNobody) {
            chownToNobody(work);
        }
        RestClient rest = RestClient.builder(new HttpHost("127.0.0.1", httpPort, "http")).build();
        this.client = new ElasticsearchClient(new RestClientTransport(rest, new JacksonJsonpMapper()));
    }

    /** Starts a server and returns once it answers with a cluster health better than red. */
    public static ElasticsearchServer start() throws ServerStartException {
        Path home = distribution();
        ElasticsearchServer server;
        try {
            server = new ElasticsearchServer(home);
        } catch (IOException e) {
            throw new ServerStartException(SERVER, "cannot prepare the server's files: " + e);
        }
        return launched(server);
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String url() {
        return "http://127.0.0.1:" + httpPort;
    }

    /** A blocking client of this server, for tests to set up and check what was indexed. */
    public ElasticsearchClient client() {
        return client;
    }

    /**
     * Waits until the primary shards of {@code index} (a name, a pattern, a data stream) are
     * allocated ({@code _cluster/health/<index>?wait_for_status=yellow}: a single node never
     * allocates replicas), then refreshes it: what was indexed before can be counted and searched.
     */
    public void awaitSearchable(String index) throws IOException {
        await("the shards of " + index + " allocated", ALLOCATION_TIMEOUT).until(() -> {
            HealthResponse health = client.cluster().health(h -> h.index(index).waitForStatus(HealthStatus.Yellow)
                    .timeout(t -> t.time("10s")));
            return !health.timedOut() && health.status() != HealthStatus.Red;
        });
        refresh(index);
    }

    /** Refreshes {@code index} if it exists, so that what was indexed before is searched. */
    public void refresh(String index) throws IOException {
        client.indices().refresh(r -> r.index(index).allowNoIndices(true).ignoreUnavailable(true));
    }

    @Override
    protected ProcessBuilder command() {
        List<String> command = new ArrayList<>();
        if (asNobody) {
            command.addAll(List.of("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"));
        }
        command.add(home.resolve("bin/elasticsearch").toString());
        settings().forEach((k, v) -> command.add("-E" + k + "=" + v));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.put("ES_JAVA_HOME", System.getProperty("java.home"));
        env.put("ES_JAVA_OPTS", "-Xms512m -Xmx512m");
        env.put("ES_PATH_CONF", work.resolve("config").toString());
        env.put("ES_TMPDIR", work.resolve("tmp").toString());
        return builder;
    }

    /** Ready once the cluster is better than red: every primary allocated, after a restart too. */
    @Override
    protected boolean ready() throws IOException {
        return client.cluster().health().status() != HealthStatus.Red;
    }

    /** Statuses and errors of a server that is busy, recovering or allocating shards; no answer at all. */
    @Override
    protected boolean isTransient(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof ElasticsearchException e) {
                return TRANSIENT_STATUSES.contains(e.status()) || TRANSIENT_ERRORS.contains(e.error().type());
            }
            if (t instanceof TransportException e) {
                return TRANSIENT_STATUSES.contains(e.statusCode());
            }
            if (t instanceof ResponseException e) {
                return TRANSIENT_STATUSES.contains(e.getResponse().getStatusLine().getStatusCode());
            }
            if (t instanceof SocketException || t instanceof SocketTimeoutException
                    || t instanceof ConnectionClosedException) {
                // No answer at all: refused, reset, closed or late while the server starts, stops or is busy.
                return true;
            }
        }
        return false;
    }

    @Override
    protected void deleteFiles() {
        try {
            client._transport().close();
        } catch (IOException e) {
            // Nothing is left to do with a client that cannot close.
        }
        deleteTree(work);
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

    /**
     * The unpacked distribution: {@code -Dncbridge.elasticsearch.dist=DIR}, or found from the
     * working directory upwards (tests run in their module's directory, the bench in the repository's).
     */
    private static Path distribution() throws ServerStartException {
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
            throw new ServerStartException(SERVER, "no unpacked distribution in sinks/elasticsearch/target/elasticsearch-dist"
                    + " (build that module first: ./mvnw -pl sinks/elasticsearch -am test-compile)");
        }
        try (Stream<Path> children = Files.list(dist)) {
            Path home = children.filter(p -> p.getFileName().toString().startsWith("elasticsearch-"))
                    .filter(p -> Files.isExecutable(p.resolve("bin/elasticsearch")))
                    .findFirst().orElse(null);
            if (home == null) {
                throw new ServerStartException(SERVER, "no elasticsearch-*/bin/elasticsearch in " + dist);
            }
            return home;
        } catch (IOException e) {
            throw new ServerStartException(SERVER, "cannot read " + dist + ": " + e);
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
