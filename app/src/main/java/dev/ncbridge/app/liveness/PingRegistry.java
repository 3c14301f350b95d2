package dev.ncbridge.app.liveness;

import dev.ncbridge.ingest.ping.PingText;
import dev.ncbridge.ingest.record.AddressText;
import dev.ncbridge.ingest.record.Record;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pings that arrived, by nonce, for {@code GET /api/v1/pings/{nonce}}. Bounded: the oldest
 * nonces are forgotten past {@code capacity}, and each keeps its first {@link #MAX_ARRIVALS}
 * arrivals (a ping written to {@code /dev/kmsg} arrives once per netconsole target). Pings are
 * rare, so one lock is enough.
 */
public final class PingRegistry {
    static final int MAX_ARRIVALS = 16;

    private final Map<String, PingView> pings;

    public PingRegistry(int capacity) {
        this.pings = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, PingView> eldest) {
                return size() > capacity;
            }
        };
    }

    public synchronized void arrived(PingText ping, Record r) {
        PingView view = pings.computeIfAbsent(ping.nonce(), n -> new PingView(n, ping.via(), ping.target(),
                new ArrayList<>()));
        if (view.arrivals().size() < MAX_ARRIVALS) {
            view.arrivals().add(new Arrival(AddressText.of(r.source().getAddress()), r.source().getPort(),
                    r.hostName(), r.format() == null ? null : r.format().wireName(),
                    Instant.ofEpochSecond(0, r.receivedAtNanos())));
        }
    }

    /** A copy of what arrived with {@code nonce}, or null when nothing did. */
    public synchronized PingView find(String nonce) {
        PingView view = pings.get(nonce);
        return view == null ? null : new PingView(view.nonce(), view.via(), view.target(), List.copyOf(view.arrivals()));
    }

    /** A nonce and every arrival of it, as the pings API shows them. */
    public record PingView(String nonce, String via, String target, List<Arrival> arrivals) {
    }

    /** One arrival: from which source, named how, in which format, and when. */
    public record Arrival(String address, int port, String host, String format, Instant receivedAt) {
    }
}
