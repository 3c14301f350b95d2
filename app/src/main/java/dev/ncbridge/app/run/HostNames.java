package dev.ncbridge.app.run;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
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
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Host names for sources: the names file first ({@code address name} per line, as an
 * {@code /etc/hosts} of the fleet), then, if enabled, reverse DNS. DNS answers are looked up on a
 * background thread and cached: the decoder never waits, so a new source's first records may
 * carry its address until the answer comes; {@link #version()} then tells the decoders to ask again.
 *
 * <p>Any sender can make up addresses, so everything here is bounded: the cache keeps at most
 * {@code cacheLimit} answers (Caffeine evicts the least useful), and at most {@link #MAX_PENDING}
 * lookups wait for the resolver; past that a lookup is skipped and counted (the address is asked
 * for again the next time its name is wanted).
 */
public final class HostNames implements SourceNamer, AutoCloseable {
    /** A lookup without an answer can take the resolver's whole timeout (5 s, times its attempts). */
    static final int MAX_PENDING = 1024;

    private final Map<InetAddress, String> fromFile;
    private final boolean reverseDns;
    private final Function<InetAddress, String> reverseLookup;
    private final Cache<InetAddress, String> fromDns;
    private final Map<InetAddress, Boolean> pending = new ConcurrentHashMap<>();
    private final AtomicLong version = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final ExecutorService resolver;

    public HostNames(Map<InetAddress, String> fromFile, boolean reverseDns, int cacheLimit) {
        this(fromFile, reverseDns, cacheLimit, HostNames::ptr);
    }

    /** @param reverseLookup an address's name, or null when it has none; it may take its time */
    HostNames(Map<InetAddress, String> fromFile, boolean reverseDns, int cacheLimit,
              Function<InetAddress, String> reverseLookup) {
        this.fromFile = Map.copyOf(fromFile);
        this.reverseLookup = reverseLookup;
        this.reverseDns = reverseDns;
        // Evictions run on the calling thread instead of the common pool: they are cheap, and a
        // bridge's pools are its own.
        this.fromDns = Caffeine.newBuilder().maximumSize(cacheLimit).executor(Runnable::run).build();
        this.resolver = reverseDns ? new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(MAX_PENDING), r -> {
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
            name = fromDns.getIfPresent(address);
            if (name != null) {
                return name;
            }
            lookUpLater(address);
        }
        return AddressText.of(address);
    }

    private void lookUpLater(InetAddress address) {
        if (pending.containsKey(address)) {
            return;
        }
        if (pending.size() >= MAX_PENDING) {
            skipped.incrementAndGet();
            return;
        }
        if (pending.putIfAbsent(address, Boolean.TRUE) != null) {
            return;
        }
        try {
            resolver.execute(() -> lookUp(address));
        } catch (RejectedExecutionException e) {
            // The queue filled between the check above and here (or the bridge is closing).
            pending.remove(address);
            skipped.incrementAndGet();
        }
    }

    private void lookUp(InetAddress address) {
        try {
            String found = reverseLookup.apply(address);
            // Remember an address without a name too, so that it is not looked up again and again.
            fromDns.put(address, found == null ? AddressText.of(address) : found);
            if (found != null) {
                version.incrementAndGet();
            }
        } finally {
            pending.remove(address);
        }
    }

    /** The address's PTR name, or null when it has none. */
    static String ptr(InetAddress address) {
        try {
            // Without its scope, which a link-local sender keeps (fe80::7%2) and the answer lacks.
            InetAddress plain = InetAddress.getByAddress(address.getAddress());
            String found = plain.getCanonicalHostName();
            // Without a PTR record the JDK answers with the address itself.
            return found.equals(plain.getHostAddress()) ? null : found;
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** Lookups skipped because {@link #MAX_PENDING} were already waiting. */
    public long skipped() {
        return skipped.get();
    }

    /** The decoders forgot the address's last source: its DNS answer goes too, to be asked afresh. */
    void forget(InetAddress address) {
        fromDns.invalidate(address);
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
