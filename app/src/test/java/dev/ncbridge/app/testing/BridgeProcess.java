package dev.ncbridge.app.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The runnable jar as a real process, for the tests run by failsafe: started with its output in
 * files, awaited on {@code /health/ready}, stopped with SIGTERM, and killed if a test fails.
 */
public final class BridgeProcess implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Lines of the log {@link #close} prints. */
    private static final int LOG_LINES = 80;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final Path stdout;
    private final Path stderr;
    private final String httpBase;

    private BridgeProcess(Process process, Path stdout, Path stderr, int httpPort) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
        this.httpBase = "http://127.0.0.1:" + httpPort;
    }

    /**
     * Starts {@code command} in {@code workdir}, its output in {@code dir}, and waits until the
     * bridge's HTTP endpoint on {@code httpPort} says it is ready.
     */
    public static BridgeProcess start(List<String> command, Path workdir, Path dir, int httpPort) throws IOException {
        return start(command, workdir, dir, httpPort, "/health/ready");
    }

    /**
     * As {@link #start(List, Path, Path, int)}, but waits for {@code healthPath} to answer 200:
     * {@code /health/live} for a bridge that starts not ready (its destination is down).
     */
    public static BridgeProcess start(List<String> command, Path workdir, Path dir, int httpPort, String healthPath)
            throws IOException {
        Path stdout = dir.resolve("stdout");
        Path stderr = dir.resolve("stderr");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workdir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile());
        // Flags come from the command only, as the test means them to.
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        BridgeProcess bridge = new BridgeProcess(builder.start(), stdout, stderr, httpPort);
        try {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100))
                    .ignoreExceptions()
                    .failFast("ncbridge exited", () -> !bridge.process.isAlive())
                    .until(() -> bridge.get(healthPath).statusCode() == 200);
        } catch (RuntimeException | Error e) {
            bridge.close();
            throw e;
        }
        return bridge;
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(httpBase + path)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The JSON records printed so far, one per line. */
    public List<JsonNode> records() throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(stdout, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                out.add(JSON.readTree(line));
            }
        }
        return out;
    }

    public String stderr() throws IOException {
        return Files.readString(stderr);
    }

    /** Sends SIGTERM, as docker stop and the kubelet do, and checks the bridge drained and exited 0. */
    public void stopGracefully(Duration within) throws IOException, InterruptedException {
        process.destroy();
        assertThat(process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)).as("exited within %s", within).isTrue();
        assertThat(process.exitValue()).as("exit code; stderr:%n%s", stderr()).isZero();
        assertThat(stderr()).contains("ncbridge stopped");
    }

    /**
     * Sends a signal ({@code HUP}) with kill, as systemd's ExecReload does, and checks it was sent.
     * The shell's built-in kill: sh is in every Debian system, procps's /bin/kill is not.
     */
    public void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("sh", "-c", "kill -s \"$0\" \"$1\"", name, Long.toString(process.pid()))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).as("kill -s %s ended", name).isTrue();
        assertThat(kill.exitValue()).as("kill -s %s", name).isZero();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The files the process has mapped ({@code /proc/PID/maps}): a class-data archive it uses shows there. */
    public String memoryMaps() throws IOException {
        return Files.readString(Path.of("/proc", Long.toString(process.pid()), "maps"));
    }

    /** Kills the process with SIGKILL, as the OOM killer or a power cut would end it, and waits for it to go. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).as("killed").isTrue();
    }

    /** Runs a full collection in the bridge's JVM ({@code jcmd PID GC.run}), so that its GC log shows what is live. */
    public void collectGarbage() throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(process.pid()), "GC.run")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(jcmd.waitFor(60, TimeUnit.SECONDS)).as("jcmd GC.run ended").isTrue();
        assertThat(jcmd.exitValue()).as("jcmd GC.run").isZero();
    }

    /** The sum of the samples of a metric whose labels include {@code labels} (as {@code sink="k"}). */
    public double metric(String name, String... labels) throws IOException, InterruptedException {
        double sum = 0;
        for (String line : get("/metrics").body().lines().toList()) {
            if (!line.startsWith(name + "{") && !line.startsWith(name + " ")) {
                continue;
            }
            String labelText = line.startsWith(name + "{") ? line.substring(name.length(), line.indexOf('}') + 1) : "";
            if (java.util.Arrays.stream(labels).allMatch(labelText::contains)) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    /**
     * Kills the process if it is still running, so a failed test leaves nothing behind, and
     * prints the end of its log: the test's directory goes with the test, and a failure on a
     * busy machine is understood from the report or not at all.
     */
    @Override
    public void close() {
        try {
            List<String> log = Files.readAllLines(stderr);
            System.out.println("ncbridge (pid " + process.pid() + ") stderr, last lines:");
            log.subList(Math.max(0, log.size() - LOG_LINES), log.size()).forEach(System.out::println);
        } catch (IOException e) {
            System.out.println("ncbridge stderr unreadable: " + e);
        }
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The runnable jar that failsafe's {@code ncbridge.jar} property names. */
    public static Path jar() {
        String jar = System.getProperty("ncbridge.jar");
        assertThat(jar).as("system property ncbridge.jar (set by failsafe)").isNotNull();
        assertThat(Path.of(jar)).exists();
        return Path.of(jar);
    }

    public static int freeUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            return s.getLocalPort();
        }
    }

    public static int freeTcpPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }
}
