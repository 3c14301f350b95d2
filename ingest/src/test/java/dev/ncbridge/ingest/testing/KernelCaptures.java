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
 * one JSON object per line. Tests that use them fail in CI when they are missing and skip, with
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
        String configured = System.getProperty("ncbridge.fixtures");
        List<Path> candidates = new ArrayList<>();
        if (configured != null) {
            candidates.add(Paths.get(configured, "kernel"));
        }
        Path dir = Paths.get("").toAbsolutePath();
        for (int i = 0; i < 4 && dir != null; i++, dir = dir.getParent()) {
            candidates.add(dir.resolve("fixtures/kernel"));
        }
        for (Path p : candidates) {
            if (Files.isRegularFile(p.resolve(RECENT + ".jsonl"))) {
                return p;
            }
        }
        String reason = "kernel captures not found (looked in " + candidates + ")";
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
