package dev.ncbridge.ingest.receive;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Datagrams the kernel dropped on our sockets (receive buffer full), from the {@code drops} column
 * of {@code /proc/net/udp} and {@code /proc/net/udp6}. These are losses no user-space counter
 * sees. Linux only; elsewhere, or when /proc is not readable, the count is -1.
 */
public final class KernelUdpDrops {
    private static final List<Path> TABLES = List.of(Path.of("/proc/net/udp"), Path.of("/proc/net/udp6"));
    private final Set<Integer> ports;

    public KernelUdpDrops(Set<Integer> ports) {
        this.ports = ports;
    }

    public long read() {
        long total = 0;
        boolean any = false;
        for (Path table : TABLES) {
            try {
                for (String line : Files.readAllLines(table)) {
                    long drops = dropsOf(line);
                    if (drops >= 0) {
                        total += drops;
                        any = true;
                    }
                }
            } catch (IOException | RuntimeException e) {
                // Not Linux, or no /proc: the count is unknown rather than zero.
            }
        }
        return any ? total : -1;
    }

    /** The drops of one table row if its local port is ours, else -1. */
    long dropsOf(String line) {
        String[] f = line.trim().split("\\s+");
        if (f.length < 13 || !f[1].contains(":")) {
            return -1;
        }
        int port;
        try {
            port = Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1), 16);
        } catch (NumberFormatException e) {
            return -1;
        }
        return ports.contains(port) ? Long.parseLong(f[f.length - 1]) : -1;
    }
}
