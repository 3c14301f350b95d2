package dev.ncbridge.ingest.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * The real kernel captures in the repository's {@code fixtures/kernel}: every datagram two kernels sent,
 * one JSON object per line; and in {@code fixtures/kernel-crash}, what kernels sent while they
 * crashed, in the same form. Tests that use them fail in CI when they are missing and skip, with
 * the reason, elsewhere.
 */
public final class KernelCaptures {
    /** Kernel 7.3.4: release prefix, userdata and sysdata. */
    public static final String RECENT = "7.3.4+deb13-amd64";
    /** Kernel 6.1 (Debian 12): none of those. */
    public static final String DEBIAN12 = "6.1.0-56-amd64";

    /** Receiving ports of the four targets, see the fixtures' README. */
    public static final int EXTENDED_RELEASE_PORT = 16666;
    public static final int EXTENDED_USERDATA_PORT = 16667;
    public static final int LEGACY_PARAM_PORT = 16668;
    public static final int LEGACY_CONFIGFS_PORT = 16669;

    /** Crash captures, see fixtures/kernel-crash/README.md: 6.1 oopses and panics (then reboots). */
    public static final String DEBIAN12_OOPS = "6.1.0-57-amd64.oops";
    /** {@code echo c > /proc/sysrq-trigger} on 6.1: a panic without an oops. */
    public static final String DEBIAN12_SYSRQ = "6.1.0-57-amd64";
    /** The same, where the last lines of the panic never reached the network. */
    public static final String DEBIAN12_TAIL_LOST = "6.1.0-57-amd64.tail-lost";
    /** 7.3.4 oopses and panics, and reboots at once: nothing of the crash reached the network. */
    public static final String RECENT_OOPS_SILENT = "7.3.4+deb13-amd64.oops";
    /** 7.3.4 oopses, panics, and reboots after 3 s: the oops reached the network, the panic did not. */
    public static final String RECENT_OOPS_PARTIAL = "7.3.4+deb13-amd64.oops.partial";
    /** 7.3.4 oopses, panics and halts: everything reached the network. */
    public static final String RECENT_OOPS_HALTED = "7.3.4+deb13-amd64.oops.panic0";

    private static final String CAPTURES = "kernel";
    private static final String CRASH_CAPTURES = "kernel-crash";

    private KernelCaptures() {
    }

    /** One captured datagram. The source stands for the target: one host, one port per target. */
    public record Datagram(int index, int port, long receivedAtNanos, byte[] payload) {
        public InetSocketAddress source() {
            return sourceFor(port);
        }
    }

    /** The source address tests use for the target that sent to {@code port}. */
    public static InetSocketAddress sourceFor(int port) {
        return new InetSocketAddress("192.0.2.10", port);
    }

    public static Path directory() {
        return directory(CAPTURES, RECENT);
    }

    /** The directory of the crash captures. */
    public static Path crashDirectory() {
        return directory(CRASH_CAPTURES, RECENT_OOPS_HALTED);
    }

    private static Path directory(String name, String probe) {
        String configured = System.getProperty("ncbridge.fixtures");
        List<Path> candidates = new ArrayList<>();
        if (configured != null) {
            candidates.add(Paths.get(configured, name));
        }
        Path dir = Paths.get("").toAbsolutePath();
        for (int i = 0; i < 4 && dir != null; i++, dir = dir.getParent()) {
            candidates.add(dir.resolve("fixtures").resolve(name));
        }
        for (Path p : candidates) {
            if (Files.isRegularFile(p.resolve(probe + ".jsonl"))) {
                return p;
            }
        }
        String reason = name + " captures not found (looked in " + candidates + ")";
        if ("true".equals(System.getenv("CI"))) {
            throw new IllegalStateException(reason);
        }
        Assumptions.abort(reason);
        return null;
    }

    public static List<Datagram> load(String kernel) {
        Path file = directory().resolve(kernel + ".jsonl");
        return load(file);
    }

    /** A crash capture, one of the {@code *_OOPS*}, {@code *_SYSRQ}, {@code *_TAIL_LOST} names above. */
    public static List<Datagram> loadCrash(String run) {
        return load(crashDirectory().resolve(run + ".jsonl"));
    }

    public static List<Datagram> load(Path file) {
        ObjectMapper mapper = new ObjectMapper();
        List<Datagram> out = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n = mapper.readTree(line);
                out.add(new Datagram(n.get("i").asInt(), n.get("port").asInt(), n.get("recv_ns").asLong(),
                        Base64.getDecoder().decode(n.get("payload_b64").asText())));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** The serial console log of the same boot, for checking decoded text. */
    public static List<String> serialLog(String kernel) {
        try {
            return Files.readAllLines(directory().resolve(kernel + ".serial.log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
