package dev.ncbridge.app.run;

import dev.ncbridge.config.IpLiterals;
import dev.ncbridge.config.LineFile;
import dev.ncbridge.ingest.codec.SourceNamer;
import dev.ncbridge.ingest.record.AddressText;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Host names for sources: the names file first ({@code address name} per line, as an
 * {@code /etc/hosts} of the fleet), then, if enabled, reverse DNS. DNS answers are looked up on a
 * background thread and cached: the decoder never waits, so a new source's first records may
 * carry its address until the answer comes; {@link #version()} then tells the decoders to ask again.
 */
public final class HostNames implements SourceNamer, AutoCloseable {
    private final Map<InetAddress, String> fromFile;
    private final boolean reverseDns;
    private final int cacheLimit;
    private final Map<InetAddress, String> fromDns = new ConcurrentHashMap<>();
    private final Map<InetAddress, Boolean> pending = new ConcurrentHashMap<>();
    private final AtomicLong version = new AtomicLong();
    private final ExecutorService resolver;

    public HostNames(Map<InetAddress, String> fromFile, boolean reverseDns, int cacheLimit) {
        this.fromFile = Map.copyOf(fromFile);
        this.reverseDns = reverseDns;
        this.cacheLimit = cacheLimit;
        this.resolver = reverseDns ? Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "reverse-dns");
            t.setDaemon(true);
            return t;
        }) : null;
    }

    /** Reads a names file; every bad line is reported with its number. */
    public static Map<InetAddress, String> readFile(Path file) {
        Map<InetAddress, String> names = new HashMap<>();
        LineFile.read(file, "the names file", line -> {
            String[] fields = line.split("\\s+");
            InetAddress address = fields.length == 2 ? IpLiterals.parse(fields[0]) : null;
            if (address == null) {
                throw new IllegalArgumentException("expected \"address name\", as \"10.0.0.5 web-42\", not \""
                        + line + "\"");
            }
            return names.put(address, fields[1]);
        });
        return names;
    }

    @Override
    public String nameOf(InetSocketAddress source) {
        InetAddress address = source.getAddress();
        String name = fromFile.get(address);
        if (name != null) {
            return name;
        }
        if (reverseDns) {
            name = fromDns.get(address);
            if (name != null) {
                return name;
            }
            lookUpLater(address);
        }
        return AddressText.of(address);
    }

    private void lookUpLater(InetAddress address) {
        if (fromDns.size() >= cacheLimit || pending.putIfAbsent(address, Boolean.TRUE) != null) {
            return;
        }
        resolver.execute(() -> {
            try {
                String found = InetAddress.getByAddress(address.getAddress()).getCanonicalHostName();
                // Without a PTR record the JDK answers with the address itself: remember that too,
                // so the address is not looked up again and again.
                if (found.equals(address.getHostAddress())) {
                    fromDns.put(address, AddressText.of(address));
                } else {
                    fromDns.put(address, found);
                    version.incrementAndGet();
                }
            } catch (UnknownHostException e) {
                fromDns.put(address, AddressText.of(address));
            } finally {
                pending.remove(address);
            }
        });
    }

    /** The decoders forgot the address's last source: its DNS answer goes too, to be asked afresh. */
    void forget(InetAddress address) {
        fromDns.remove(address);
    }

    @Override
    public long version() {
        return version.get();
    }

    @Override
    public void close() {
        if (resolver != null) {
            resolver.shutdownNow();
        }
    }
}
