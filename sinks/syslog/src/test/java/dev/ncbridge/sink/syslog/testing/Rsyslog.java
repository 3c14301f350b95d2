package dev.ncbridge.sink.syslog.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ncbridge.ingest.testing.RequiredServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A real rsyslogd for tests, with a configuration of its own in a temporary directory: no system
 * inputs, one listener per transport on a free loopback port, and for each listener a file with
 * one JSON object per message showing what rsyslog parsed ({@link Received}). Stop and start it
 * again on the same ports with {@link #restart()}.
 *
 * <p>If rsyslogd is missing or does not start, {@link #start()} calls
 * {@link RequiredServer#unavailable}: the test fails in CI and is skipped elsewhere.
 */
public final class Rsyslog implements AutoCloseable {
    /** rsyslog's listeners, each writing to a file of its own so tests know which transport delivered. */
    public enum Listener {
        UDP, TCP,
        /** TLS without client authentication. */
        TLS,
        /** TLS that requires a client certificate signed by the test CA. */
        TLS_CLIENT_AUTH
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROBE_APP = "rsyslog-probe";

    private final Path dir;
    private final Path config;
    private final Path log;
    private final TestCertificates certificates;
    private final Map<Listener, Integer> ports = new EnumMap<>(Listener.class);
    private final Thread shutdownHook;
    private Process process;

    private Rsyslog(Path dir) throws IOException {
        this.dir = dir;
        this.config = dir.resolve("rsyslog.conf");
        this.log = dir.resolve("rsyslogd.log");
        this.certificates = TestCertificates.create(dir);
        ports.put(Listener.UDP, freeUdpPort());
        for (Listener l : List.of(Listener.TCP, Listener.TLS, Listener.TLS_CLIENT_AUTH)) {
            ports.put(l, freeTcpPort());
        }
        Files.createDirectories(dir.resolve("work"));
        Files.writeString(config, config());
        this.shutdownHook = new Thread(this::kill, "rsyslogd-cleanup");
    }

    /** Starts rsyslogd, or makes the calling test fail (CI) or skip (elsewhere) with the reason. */
    public static Rsyslog start() {
        Path exe = executable();
        if (exe == null) {
            RequiredServer.unavailable("rsyslog", "rsyslogd not found on PATH, /usr/sbin or /sbin"
                    + " (Debian: apt-get install rsyslog rsyslog-gnutls)");
        }
        Rsyslog r = null;
        try {
            r = new Rsyslog(Files.createTempDirectory("ncbridge-rsyslog"));
            r.check(exe);
            Runtime.getRuntime().addShutdownHook(r.shutdownHook);
            r.launch(exe);
            return r;
        } catch (IOException | RuntimeException e) {
            String reason = e.getMessage() + (r == null ? "" : r.logTail());
            if (r != null) {
                r.close();
            }
            RequiredServer.unavailable("rsyslog", reason);
            throw new AssertionError("unreachable");
        }
    }

    public int port(Listener listener) {
        return ports.get(listener);
    }

    public TestCertificates certificates() {
        return certificates;
    }

    /** Every message the listener delivered so far, in arrival order. */
    public List<Received> received(Listener listener) {
        Path file = file(listener);
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            List<Received> out = new ArrayList<>();
            int end = text.lastIndexOf('\n');
            for (String line : text.substring(0, Math.max(0, end)).split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n = JSON.readTree(line);
                if (PROBE_APP.equals(n.path("app_name").asText())) {
                    continue;
                }
                out.add(new Received(n.path("pri").asInt(), n.path("hostname").asText(), n.path("app_name").asText(),
                        n.path("procid").asText(), n.path("msgid").asText(), n.path("sd").asText(),
                        n.path("msg").asText(), n.path("timestamp").asText()));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops rsyslogd (SIGTERM, as a service manager would) and starts it again on the same ports. */
    public void restart() {
        stop();
        try {
            launch(executable());
        } catch (IOException e) {
            throw new UncheckedIOException("rsyslogd did not start again" + logTail(), e);
        }
    }

    /** Stops rsyslogd with SIGTERM and waits for it to exit. */
    public void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException | IllegalArgumentException e) {
            // shutting down already, or never registered
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }

    private void kill() {
        Process p = process;
        if (p != null) {
            p.destroyForcibly();
        }
    }

    private Path file(Listener listener) {
        return dir.resolve(listener.name().toLowerCase(java.util.Locale.ROOT) + ".jsonl");
    }

    private void check(Path exe) throws IOException {
        Process p = new ProcessBuilder(exe.toString(), "-N1", "-f", config.toString()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IOException("rsyslogd -N1 rejects the test configuration");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private void launch(Path exe) throws IOException {
        Files.deleteIfExists(dir.resolve("rsyslogd.pid"));
        process = new ProcessBuilder(exe.toString(), "-n", "-f", config.toString(), "-i",
                dir.resolve("rsyslogd.pid").toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        awaitReady();
    }

    /**
     * Ready once every TCP listener accepts and a probe datagram made it to the UDP file. A probe
     * goes out with every look, since rsyslog drops datagrams that come before its UDP input is up.
     */
    private void awaitReady() throws IOException {
        List<Listener> stream = List.of(Listener.TCP, Listener.TLS, Listener.TLS_CLIENT_AUTH);
        AtomicInteger probes = new AtomicInteger();
        try (DatagramSocket udp = new DatagramSocket()) {
            Awaitility.await("rsyslogd's listeners").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IOException("rsyslogd exited with status " + process.exitValue());
                        }
                        if (stream.stream().allMatch(this::accepts) && probeArrived()) {
                            return true;
                        }
                        byte[] probe = ("<13>1 - - " + PROBE_APP + " - - - probe " + probes.getAndIncrement())
                                .getBytes(StandardCharsets.US_ASCII);
                        udp.send(new DatagramPacket(probe, probe.length, InetAddress.getLoopbackAddress(),
                                port(Listener.UDP)));
                        return false;
                    });
        } catch (ConditionTimeoutException e) {
            throw new IOException("rsyslogd did not open its listeners within 20 s", e);
        }
    }

    private boolean probeArrived() throws IOException {
        Path file = file(Listener.UDP);
        return Files.exists(file) && Files.readString(file).contains(PROBE_APP);
    }

    private boolean accepts(Listener listener) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port(listener)), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private String logTail() {
        try {
            String text = Files.exists(log) ? Files.readString(log) : "";
            return text.isBlank() ? "" : "; rsyslogd said:\n" + text.substring(Math.max(0, text.length() - 2000));
        } catch (IOException e) {
            return "";
        }
    }

    private String config() {
        StringBuilder c = new StringBuilder();
        c.append("global(workDirectory=\"").append(dir.resolve("work")).append("\" maxMessageSize=\"64k\"\n")
                .append("  defaultNetstreamDriverCAFile=\"").append(certificates.caCert()).append("\"\n")
                .append("  defaultNetstreamDriverCertFile=\"").append(certificates.serverCert()).append("\"\n")
                .append("  defaultNetstreamDriverKeyFile=\"").append(certificates.serverKey()).append("\")\n")
                .append("module(load=\"imudp\")\n")
                .append("module(load=\"imtcp\" maxSessions=\"500\")\n")
                .append("template(name=\"fields\" type=\"list\" option.jsonf=\"on\") {\n");
        for (String[] p : new String[][] {
            {"pri", "pri"}, {"hostname", "hostname"}, {"app_name", "app-name"}, {"procid", "procid"},
            {"msgid", "msgid"}, {"sd", "structured-data"}, {"msg", "msg"},
        }) {
            c.append("  property(outname=\"").append(p[0]).append("\" name=\"").append(p[1]).append("\" format=\"jsonf\")\n");
        }
        c.append("  property(outname=\"timestamp\" name=\"timereported\" dateFormat=\"rfc3339\" format=\"jsonf\")\n}\n");
        for (Listener l : Listener.values()) {
            String name = l.name().toLowerCase(java.util.Locale.ROOT);
            c.append("ruleset(name=\"").append(name).append("\") { action(type=\"omfile\" file=\"")
                    .append(file(l)).append("\" template=\"fields\") }\n");
        }
        c.append("input(type=\"imudp\" address=\"127.0.0.1\" port=\"").append(port(Listener.UDP))
                .append("\" ruleset=\"udp\")\n");
        c.append("input(type=\"imtcp\" address=\"127.0.0.1\" port=\"").append(port(Listener.TCP))
                .append("\" ruleset=\"tcp\")\n");
        c.append("input(type=\"imtcp\" address=\"127.0.0.1\" port=\"").append(port(Listener.TLS))
                .append("\" ruleset=\"tls\" streamDriver.name=\"gtls\" streamDriver.mode=\"1\" streamDriver.authMode=\"anon\")\n");
        c.append("input(type=\"imtcp\" address=\"127.0.0.1\" port=\"").append(port(Listener.TLS_CLIENT_AUTH))
                .append("\" ruleset=\"tls_client_auth\" streamDriver.name=\"gtls\" streamDriver.mode=\"1\"")
                .append(" streamDriver.authMode=\"x509/certvalid\")\n");
        return c.toString();
    }

    private static Path executable() {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
        dirs.addAll(List.of("/usr/sbin", "/sbin"));
        for (String d : dirs) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, "rsyslogd"))) {
                return Path.of(d, "rsyslogd");
            }
        }
        return null;
    }

    private static int freeTcpPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
