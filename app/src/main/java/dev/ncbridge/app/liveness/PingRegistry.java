package dev.ncbridge.app.liveness;

import dev.ncbridge.ingest.record.AddressText;
import dev.ncbridge.ingest.record.KernelMessage;
import dev.ncbridge.ingest.record.Ping;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pings that arrived, by nonce, for {@code GET /api/v1/pings/{nonce}}. Any sender can make up
 * pings, so the registry is bounded in bytes: past {@code maxBytes} (by the estimate below) the
 * oldest nonces are forgotten and counted, and each nonce keeps its first {@link #MAX_ARRIVALS}
 * arrivals (a ping written to {@code /dev/kmsg} arrives once per netconsole target). Pings are
 * rare, so one lock is enough.
 *
 * <p>The estimate, for a 64-bit JVM with compressed references: {@value #NONCE_BYTES} bytes per
 * nonce (map entry and table slot, the view, its arrival list, and the headers of its three
 * strings) and {@value #ARRIVAL_BYTES} per arrival (the arrival, its time, the headers of its
 * strings), plus two bytes per character of every string, which is exact for non-Latin-1 text
 * and twice the truth for the usual ASCII. A typical ping with one arrival is about 550 bytes.
 */
public final class PingRegistry {
    static final int MAX_ARRIVALS = 16;
    static final int NONCE_BYTES = 272;
    static final int ARRIVAL_BYTES = 144;

    private final long maxBytes;
    private final Map<String, PingView> pings = new LinkedHashMap<>();
    private long bytes;
    private long evicted;

    public PingRegistry(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** Records the arrival of {@code r}, a message the decoder classified as a ping. */
    public synchronized void arrived(KernelMessage r) {
        Ping ping = r.ping();
        PingView view = pings.get(ping.nonce());
        if (view == null) {
            view = new PingView(ping.nonce(), ping.via(), ping.target(), new ArrayList<>());
            pings.put(view.nonce(), view);
            bytes += nonceBytes(view);
        }
        if (view.arrivals().size() < MAX_ARRIVALS) {
            Arrival arrival = new Arrival(AddressText.of(r.source().getAddress()), r.source().getPort(),
                    r.hostName(), r.format().wireName(),
                    Instant.ofEpochSecond(0, r.receivedAtNanos()));
            view.arrivals().add(arrival);
            bytes += arrivalBytes(arrival);
        }
        evictOldestBeyondBudget();
    }

    private void evictOldestBeyondBudget() {
        for (Iterator<PingView> oldest = pings.values().iterator(); bytes > maxBytes && oldest.hasNext(); ) {
            PingView view = oldest.next();
            bytes -= nonceBytes(view) + view.arrivals().stream().mapToLong(PingRegistry::arrivalBytes).sum();
            oldest.remove();
            evicted++;
        }
    }

    private static long nonceBytes(PingView view) {
        return NONCE_BYTES + chars(view.nonce()) + chars(view.via()) + chars(view.target());
    }

    private static long arrivalBytes(Arrival a) {
        return ARRIVAL_BYTES + chars(a.address()) + chars(a.host()) + chars(a.format());
    }

    private static long chars(String s) {
        return s == null ? 0 : 2L * s.length();
    }

    /** A copy of what arrived with {@code nonce}, or null when nothing did (or it was forgotten). */
    public synchronized PingView find(String nonce) {
        PingView view = pings.get(nonce);
        return view == null ? null : new PingView(view.nonce(), view.via(), view.target(), List.copyOf(view.arrivals()));
    }

    /** The estimated bytes held now; never above {@code maxBytes}. */
    synchronized long bytes() {
        return bytes;
    }

    /** Nonces forgotten to stay within {@code maxBytes}. */
    public synchronized long evicted() {
        return evicted;
    }

    /** A nonce and every arrival of it, as the pings API shows them. */
    public record PingView(String nonce, String via, String target, List<Arrival> arrivals) {
    }

    /** One arrival: from which source, named how, in which format, and when. */
    public record Arrival(String address, int port, String host, String format, Instant receivedAt) {
    }
}
