package dev.ncbridge.ingest.testing;

import java.io.IOException;
import java.net.ConnectException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;

/**
 * A real server a test starts on loopback (Kafka, Elasticsearch, rsyslog, Prometheus), run as a
 * child process: one way to start it, know that it is ready, stop it within a deadline, and tell
 * why it did not start. A subclass says only what is its own: the command, the readiness probe,
 * which of its errors are transient, and what to delete at the end.
 *
 * <p>The server's output goes to a file of its own under {@code target/servers/} (kept after the
 * test, for reading), whose last lines are in the {@link ServerStartException} when it does not
 * come up. Tests start servers through {@link RealServers}; the bench calls the subclass's
 * {@code start} itself.
 */
public abstract class LoopbackServer implements AutoCloseable {
    /** Long enough for a JVM server to come up on a 2-core machine busy with other builds. */
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    /** How long a server may take to stop on SIGTERM before its process tree is killed. */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    /** How long killed processes may take to go. */
    private static final Duration KILL_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration PROBE_INTERVAL = Duration.ofMillis(250);
    private static final int TAIL_LINES = 40;

    private final String name;
    private final Path output;
    private final Thread killOnExit;
    private Process process;

    /**
     * @param name the server's name in messages ("Kafka")
     */
    protected LoopbackServer(String name) throws IOException {
        this.name = name;
        Path dir = Files.createDirectories(Path.of("target", "servers"));
        this.output = Files.createTempFile(dir, name.toLowerCase(Locale.ROOT) + "-", ".log");
        this.killOnExit = new Thread(this::kill, name + "-kill");
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /** The process to run; its output is sent to this server's output file. */
    protected abstract ProcessBuilder command() throws IOException;

    /** Whether the server answers as ready; an exception means not yet. Called until true or the start timeout. */
    protected abstract boolean ready() throws Exception;

    /**
     * Whether an error from this server is one of the states it passes on its way to ready (a
     * refused connection while it starts, a shard not yet allocated), to be retried inside an
     * await rather than fail it. This default knows refused connections.
     */
    protected boolean isTransient(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return true;
            }
        }
        return false;
    }

    /** Deletes what the server kept for a restart (data, configuration); called by {@link #close()}. */
    protected void deleteFiles() {
    }

    /**
     * Starts a server just built, closing it if it does not come up. {@code prepare} runs first
     * (formatting storage, checking a configuration; see {@link #runToEnd}).
     */
    protected static <S extends LoopbackServer> S launched(S server, Preparation prepare) throws ServerStartException {
        try {
            prepare.run();
            ((LoopbackServer) server).launch();
            return server;
        } catch (ServerStartException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** Starts a server just built that needs nothing prepared, closing it if it does not come up. */
    protected static <S extends LoopbackServer> S launched(S server) throws ServerStartException {
        return launched(server, () -> { });
    }

    /** What a server needs done once before its first start. */
    @FunctionalInterface
    protected interface Preparation {
        void run() throws ServerStartException;
    }

    /** Runs a one-off command of this server to its end, its output in the server's; fails unless it exits 0. */
    protected final void runToEnd(String what, ProcessBuilder command) throws ServerStartException {
        try {
            Process p = command.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()))
                    .start();
            if (!p.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new ServerStartException(name, what + " did not finish within " + START_TIMEOUT.toSeconds() + " s"
                        + tail());
            }
            if (p.exitValue() != 0) {
                throw new ServerStartException(name, what + " failed with exit code " + p.exitValue() + tail());
            }
        } catch (IOException e) {
            throw new ServerStartException(name, "cannot run " + command.command() + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServerStartException(name, "interrupted during " + what);
        }
    }

    /** Stops the server if it runs, starts it again on the same ports and data, and returns once it is ready. */
    public final void restart() throws ServerStartException {
        stop();
        launch();
    }

    private void launch() throws ServerStartException {
        try {
            process = command().redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile())).start();
        } catch (IOException e) {
            throw new ServerStartException(name, "cannot start: " + e);
        }
        Process p = process;
        try {
            Awaitility.await(name + " ready").atMost(START_TIMEOUT).pollInterval(PROBE_INTERVAL)
                    .ignoreExceptions()
                    .failFast(name + " exited", () -> !p.isAlive())
                    .until(this::ready);
        } catch (ConditionTimeoutException | TerminalFailureException e) {
            String why = p.isAlive() ? "was not ready within " + START_TIMEOUT.toSeconds() + " s"
                    : "exited with status " + p.exitValue();
            kill();
            process = null;
            throw new ServerStartException(name, name + " " + why + tail());
        }
    }

    /** Whether the server's process runs (it may not be ready). */
    public final boolean running() {
        Process p = process;
        return p != null && p.isAlive();
    }

    /**
     * An await of {@code what} that retries through this server's transient errors
     * ({@link #isTransient}) instead of failing on them; any other error fails it at once.
     */
    public final ConditionFactory await(String what, Duration atMost) {
        return Awaitility.await(what).atMost(atMost).pollInterval(PROBE_INTERVAL).ignoreExceptionsMatching(this::isTransient);
    }

    /**
     * Stops the server as a service manager does (SIGTERM) and waits for its processes to exit;
     * those still running after the stop timeout are killed. Its data stays, for {@link #restart()}.
     */
    public final void stop() {
        Process p = process;
        if (p == null) {
            return;
        }
        List<ProcessHandle> tree = Stream.concat(Stream.of(p.toHandle()), p.descendants()).toList();
        p.destroy();
        if (!exited(tree, STOP_TIMEOUT)) {
            System.err.println(name + " did not stop within " + STOP_TIMEOUT.toSeconds() + " s of SIGTERM; killing it");
            tree.forEach(ProcessHandle::destroyForcibly);
            exited(tree, KILL_TIMEOUT);
        }
        process = null;
    }

    /** Stops the server and deletes its files; its output file stays. */
    @Override
    public final void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException e) {
            // The JVM is shutting down already: the hook kills the server.
        }
        deleteFiles();
    }

    /** Where the server's output goes. */
    public final Path output() {
        return output;
    }

    /** The last lines of the server's output, for a failure's message. */
    public final String tail() {
        try {
            List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
            return "; last lines of " + output.toAbsolutePath() + ":\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "; no output in " + output.toAbsolutePath() + " (" + e + ")";
        }
    }

    /** Ends the server's processes at once: after a failed start, and at JVM exit. */
    private void kill() {
        Process p = process;
        if (p != null) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    private static boolean exited(List<ProcessHandle> tree, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        for (ProcessHandle h : tree) {
            try {
                h.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                return false;
            } catch (ExecutionException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /** A free TCP port on loopback, for a server to listen on. */
    protected static int freeTcpPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** A free UDP port on loopback, for a server to listen on. */
    protected static int freeUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
