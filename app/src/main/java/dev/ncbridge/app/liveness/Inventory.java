package dev.ncbridge.app.liveness;

import dev.ncbridge.config.ConfigException;
import dev.ncbridge.config.Durations;
import dev.ncbridge.config.IpLiterals;
import dev.ncbridge.config.LineFile;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The hosts that should be sending, from {@code sources.inventory}: one host a line,
 * {@code address [name] [silent_after=DURATION]}, {@code #} starting a comment. A host never heard
 * from is reported as {@code never_seen}; {@code silent_after} on a line overrides the default for
 * that host (a rack of quiet appliances next to chatty hypervisors).
 */
public final class Inventory {
    private static final String SILENT_AFTER = "silent_after=";

    private final Map<InetAddress, ExpectedHost> hosts;

    private Inventory(Map<InetAddress, ExpectedHost> hosts) {
        this.hosts = hosts;
    }

    public static Inventory empty() {
        return new Inventory(Map.of());
    }

    /**
     * @param sourceIdle a host's silent_after must be shorter: a source is forgotten after it
     * @throws ConfigException naming the file and line of every bad line
     */
    public static Inventory read(Path file, Duration sourceIdle) {
        // In file order, so listings follow the file.
        Map<InetAddress, ExpectedHost> hosts = new LinkedHashMap<>();
        LineFile.read(file, "the inventory", line -> {
            ExpectedHost host = parse(line, sourceIdle);
            if (hosts.putIfAbsent(host.address(), host) != null) {
                throw new IllegalArgumentException("address listed twice: " + line.split("\\s+")[0]);
            }
            return host;
        });
        return new Inventory(Collections.unmodifiableMap(hosts));
    }

    private static ExpectedHost parse(String line, Duration sourceIdle) {
        String[] fields = line.split("\\s+");
        InetAddress address = IpLiterals.parse(fields[0]);
        if (address == null || fields.length > 3) {
            throw new IllegalArgumentException("expected \"address [name] [silent_after=DURATION]\", as"
                    + " \"10.0.0.5 web-42 silent_after=30m\", not \"" + line + "\"");
        }
        String name = null;
        Duration silentAfter = null;
        for (int f = 1; f < fields.length; f++) {
            if (fields[f].startsWith(SILENT_AFTER)) {
                silentAfter = Durations.parse(fields[f].substring(SILENT_AFTER.length()));
                if (silentAfter.isZero() || silentAfter.compareTo(sourceIdle) >= 0) {
                    throw new IllegalArgumentException("silent_after must be positive and shorter than"
                            + " decoder.source_idle (" + Durations.format(sourceIdle) + "): " + fields[f]);
                }
            } else if (name == null && f == 1) {
                name = fields[f];
            } else {
                throw new IllegalArgumentException("unexpected \"" + fields[f] + "\": expected \"address [name]"
                        + " [silent_after=DURATION]\"");
            }
        }
        return new ExpectedHost(address, name, silentAfter);
    }

    public ExpectedHost get(InetAddress address) {
        return hosts.get(address);
    }

    public Iterable<ExpectedHost> hosts() {
        return hosts.values();
    }

    public boolean isEmpty() {
        return hosts.isEmpty();
    }

    /** Names given in the inventory, to name sources the names file does not. */
    public Map<InetAddress, String> names() {
        Map<InetAddress, String> names = new LinkedHashMap<>();
        hosts.values().stream().filter(h -> h.name() != null).forEach(h -> names.put(h.address(), h.name()));
        return names;
    }

    /**
     * @param name null when the line gives none
     * @param silentAfter null when the line gives none: the default applies
     */
    public record ExpectedHost(InetAddress address, String name, Duration silentAfter) {
    }
}
