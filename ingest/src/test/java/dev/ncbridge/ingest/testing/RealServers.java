package dev.ncbridge.ingest.testing;

import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * How a test starts a {@link LoopbackServer}: registered as a static field, the servers it starts
 * (in {@code @BeforeAll}) live until the class is done; as an instance field, the servers a test
 * starts are closed after it, once its {@code @AfterEach} methods ran (so a bridge that uses the
 * server stops first). A server that cannot start fails the test in CI and skips it elsewhere
 * ({@link RequiredServer}).
 *
 * <pre>{@code
 * @RegisterExtension
 * static final RealServers SERVERS = new RealServers();
 *
 * @BeforeAll
 * static void startServer() {
 *     server = SERVERS.start(ElasticsearchServer::start);
 * }
 * }</pre>
 */
public final class RealServers implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {
    private final Deque<LoopbackServer> started = new ArrayDeque<>();
    /** Registered as a static field: JUnit calls beforeAll only for those. */
    private boolean perClass;

    /** How to start one server. */
    @FunctionalInterface
    public interface Starter<S extends LoopbackServer> {
        S start() throws ServerStartException;
    }

    /** Starts a server and returns it once it is ready; if it cannot start, fails (CI) or skips the test. */
    public <S extends LoopbackServer> S start(Starter<S> starter) {
        try {
            S server = starter.start();
            started.push(server);
            return server;
        } catch (ServerStartException e) {
            RequiredServer.unavailable(e.server(), e.getMessage());
            throw new AssertionError("unreachable");
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        perClass = true;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (!perClass) {
            closeAll();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        closeAll();
    }

    /** The last started first, as they may depend on each other. */
    private void closeAll() {
        while (!started.isEmpty()) {
            started.pop().close();
        }
    }
}
