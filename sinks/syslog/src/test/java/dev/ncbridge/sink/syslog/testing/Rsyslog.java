package dev.ncbridge.sink.syslog.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ncbridge.ingest.testing.LoopbackServer;
import dev.ncbridge.ingest.testing.ServerStartException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * A real rsyslogd for tests, with a configuration of its own in a temporary directory: no system
 * inputs, one listener per transport on a free loopback port, and for each listener a file with
 * one JSON object per message showing what rsyslog parsed ({@link Received}). Stop and start it
 * again on the same ports with {@link #restart()}.
 */
public final class Rsyslog extends LoopbackServer {
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

    private final Path exe;
    private final Path dir;
    private final Path config;
    private final TestCertificates certificates;
    private final Map<Listener, Integer> ports = new EnumMap<>(Listener.class);
    /** Probes sent so far, and the first of the current start: only a probe of this start shows that UDP is up. */
    private int probes;
    private int firstProbeOfStart;

    private Rsyslog(Path exe) throws IOException {
        super("rsyslog");
        this.exe = exe;
        this.dir = Files.createTempDirectory("ncbridge-rsyslog");
        this.config = dir.resolve("rsyslog.conf");
        this.certificates = TestCertificates.create(dir);
        ports.put(Listener.UDP, freeUdpPort());
        for (Listener l : List.of(Listener.TCP, Listener.TLS, Listener.TLS_CLIENT_AUTH)) {
            ports.put(l, freeTcpPort());
        }
        Files.createDirectories(dir.resolve("work"));
        Files.writeString(config, config());
    }

    /** Checks the configuration ({@code rsyslogd -N1}), starts rsyslogd and returns once every listener takes messages. */
    public static Rsyslog start() throws ServerStartException {
        Path exe = executable();
        if (exe == null) {
            throw new ServerStartException("rsyslog", "rsyslogd not found on PATH, /usr/sbin or /sbin"
                    + " (Debian: apt-get install rsyslog rsyslog-gnutls)");
        }
        Rsyslog r;
        try {
            r = new Rsyslog(exe);
        } catch (IOException e) {
            throw new ServerStartException("rsyslog", "cannot prepare the configuration: " + e);
        }
        return launched(r, r::checkConfiguration);
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

    @Override
    protected void deleteFiles() {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }

    private Path file(Listener listener) {
        return dir.resolve(listener.name().toLowerCase(java.util.Locale.ROOT) + ".jsonl");
    }

    private void checkConfiguration() throws ServerStartException {
        runToEnd("checking the test configuration (rsyslogd -N1)",
                new ProcessBuilder(exe.toString(), "-N1", "-f", config.toString()));
    }

    @Override
    protected ProcessBuilder command() throws IOException {
        Files.deleteIfExists(dir.resolve("rsyslogd.pid"));
        firstProbeOfStart = probes;
        return new ProcessBuilder(exe.toString(), "-n", "-f", config.toString(), "-i", dir.resolve("rsyslogd.pid").toString());
    }

    /**
     * Ready once every TCP listener accepts and a probe datagram made it to the UDP file. A probe
     * goes out with every look, since rsyslog drops datagrams that come before its UDP input is up.
     */
    @Override
    protected boolean ready() throws IOException {
        if (List.of(Listener.TCP, Listener.TLS, Listener.TLS_CLIENT_AUTH).stream().allMatch(this::accepts)
                && probeArrived()) {
            return true;
        }
        byte[] probe = ("<13>1 - - " + PROBE_APP + " - - - probe " + probes++).getBytes(StandardCharsets.US_ASCII);
        try (DatagramSocket udp = new DatagramSocket()) {
            udp.send(new DatagramPacket(probe, probe.length, InetAddress.getLoopbackAddress(), port(Listener.UDP)));
        }
        return false;
    }

    private boolean probeArrived() throws IOException {
        Path file = file(Listener.UDP);
        if (!Files.exists(file)) {
            return false;
        }
        String text = Files.readString(file);
        return IntStream.range(firstProbeOfStart, probes)
                .anyMatch(n -> text.contains("\"probe " + n + "\""));
    }

    private boolean accepts(Listener listener) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port(listener)), 1000);
            return true;
        } catch (IOException e) {
            return false;
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
}
