package dev.ncbridge.app.liveness;

import java.net.InetAddress;
import java.time.Duration;

/**
 * How long each host may send nothing before it is called silent: its inventory line's
 * {@code silent_after}, else {@code sources.silent_after}, else never.
 */
public final class SilencePolicy {
    /** Never silent. */
    public static final long NEVER = 0;

    private final Duration defaultAfter;
    private final Inventory inventory;

    /** @param defaultAfter null: only hosts whose inventory line says so can be silent */
    public SilencePolicy(Duration defaultAfter, Inventory inventory) {
        this.defaultAfter = defaultAfter;
        this.inventory = inventory;
    }

    public static SilencePolicy none() {
        return new SilencePolicy(null, Inventory.empty());
    }

    public Inventory inventory() {
        return inventory;
    }

    /** Nanoseconds of silence after which {@code address} is silent, or {@link #NEVER}. */
    public long silentAfterNanos(InetAddress address) {
        Inventory.ExpectedHost host = inventory.get(address);
        Duration after = host != null && host.silentAfter() != null ? host.silentAfter() : defaultAfter;
        return after == null ? NEVER : after.toNanos();
    }

    /** The shortest silence anyone is allowed, to pace the check; null when nobody can be silent. */
    public Duration shortest() {
        Duration shortest = defaultAfter;
        for (Inventory.ExpectedHost h : inventory.hosts()) {
            if (h.silentAfter() != null && (shortest == null || h.silentAfter().compareTo(shortest) < 0)) {
                shortest = h.silentAfter();
            }
        }
        return shortest;
    }
}
