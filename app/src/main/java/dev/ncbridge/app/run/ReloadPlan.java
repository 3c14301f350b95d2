package dev.ncbridge.app.run;

import dev.ncbridge.config.ApiToken;
import dev.ncbridge.config.Cidr;
import dev.ncbridge.config.ConfigSection;
import dev.ncbridge.config.NcbridgeConfig;
import dev.ncbridge.ingest.receive.UdpReceivers;
import dev.ncbridge.ingest.record.AddressText;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a reload changes, computed from the running configuration and the next one alone (no
 * socket, no sink): docs/operations.md ("Reloading") lists what applies live and what needs a
 * restart.
 *
 * <p>Live: the listen addresses (sockets that stay are kept, new ones opened, removed ones
 * closed), the routes, the sinks (one whose section is unchanged keeps its runner, queue,
 * connection and spool; a changed one is replaced, a removed one drained, an added one started),
 * {@code sources.allow}, {@code sources.forward_pings} and {@code shutdown.drain_timeout}.
 *
 * <p>Everything else is fixed at start, and a reload that changes it is refused as a whole, so
 * that the running bridge always runs one file's configuration: {@code receive} (the workers, the
 * rings and their budgets are allocated once, and the decoder with every source's state lives on
 * the workers), {@code decoder} (its limits size the per-source state that must survive a
 * reload), {@code http} (the endpoint answering the reload), {@code plugins} (loaded classes
 * cannot be unloaded), and the {@code sources} keys read at start (names, inventory, DNS,
 * silence). So is a listen address {@code [::]:P} that stays but would change between IPv6-only and
 * dual-stack ({@link UdpReceivers#ipv6Only}).
 *
 * @param needsRestart the full keys that differ and cannot change live; non-empty: the reload is refused
 */
record ReloadPlan(List<InetSocketAddress> listenAdded, List<InetSocketAddress> listenRemoved, Set<String> sinksAdded,
                  Set<String> sinksRemoved, Set<String> sinksChanged, boolean routesChanged, List<String> liveKeysChanged,
                  List<String> needsRestart) {
    /** The keys of the fixed sections that a reload may change. */
    private static final Set<String> LIVE_KEYS = Set.of("sources.allow", "sources.forward_pings",
            "shutdown.drain_timeout");

    static ReloadPlan between(NcbridgeConfig running, NcbridgeConfig next) {
        List<String> live = new ArrayList<>();
        List<String> restart = new ArrayList<>();
        compare("receive", running.receive(), next.receive(), live, restart);
        compare("decoder", running.decoder(), next.decoder(), live, restart);
        compare("sources", running.sources(), next.sources(), live, restart);
        compare("http", running.http(), next.http(), live, restart);
        compare("plugins", running.plugins(), next.plugins(), live, restart);
        compare("shutdown", running.shutdown(), next.shutdown(), live, restart);
        // A socket cannot change IPV6_V6ONLY once bound, and a second one on the same [::]:P would be
        // refused as another socket holding the port.
        for (InetSocketAddress kept : running.listen()) {
            if (next.listen().contains(kept)
                    && UdpReceivers.ipv6Only(kept, running.listen()) != UdpReceivers.ipv6Only(kept, next.listen())) {
                restart.add("listen (" + AddressText.withPort(kept) + " between IPv6-only and dual-stack)");
            }
        }
        Set<String> changed = new TreeSet<>();
        running.sinks().forEach((name, section) -> {
            ConfigSection after = next.sinks().get(name);
            if (after != null && !section.node().equals(after.node())) {
                changed.add(name);
            }
        });
        return new ReloadPlan(minus(next.listen(), running.listen()), minus(running.listen(), next.listen()),
                keysMinus(next.sinks(), running.sinks()), keysMinus(running.sinks(), next.sinks()), changed,
                !nodes(running.routes()).equals(nodes(next.routes())), List.copyOf(live), List.copyOf(restart));
    }

    boolean changesNothing() {
        return listenAdded.isEmpty() && listenRemoved.isEmpty() && sinksAdded.isEmpty() && sinksRemoved.isEmpty()
                && sinksChanged.isEmpty() && !routesChanged && liveKeysChanged.isEmpty() && needsRestart.isEmpty();
    }

    /** The changes in words, one per item, for the log and the API's answer. */
    List<String> changes() {
        List<String> out = new ArrayList<>();
        listenAdded.forEach(a -> out.add("listen: added " + AddressText.withPort(a)));
        listenRemoved.forEach(a -> out.add("listen: removed " + AddressText.withPort(a)));
        sinksAdded.forEach(s -> out.add("sinks." + s + ": added"));
        sinksChanged.forEach(s -> out.add("sinks." + s + ": changed (replaced)"));
        sinksRemoved.forEach(s -> out.add("sinks." + s + ": removed (drained)"));
        if (routesChanged) {
            out.add("routes: changed");
        }
        liveKeysChanged.forEach(k -> out.add(k + ": changed"));
        return out;
    }

    /** Sorts each differing component of two settings records into live and restart-only keys. */
    private static void compare(String section, Record before, Record after, List<String> live, List<String> restart) {
        for (RecordComponent c : before.getClass().getRecordComponents()) {
            if (!comparable(value(c, before)).equals(comparable(value(c, after)))) {
                String key = section + "." + snakeCase(c.getName());
                (LIVE_KEYS.contains(key) ? live : restart).add(key);
            }
        }
    }

    private static Object value(RecordComponent c, Record r) {
        try {
            return c.getAccessor().invoke(r);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + c.getName() + " of " + r, e);
        }
    }

    /** Values with equals that compares what they say (the token and a CIDR block have none of their own). */
    private static Object comparable(Object v) {
        if (v instanceof ApiToken t) {
            return t.secret();
        }
        if (v instanceof Cidr c) {
            return c.toString();
        }
        if (v instanceof List<?> l) {
            return l.stream().map(ReloadPlan::comparable).toList();
        }
        return Objects.requireNonNullElse(v, "");
    }

    /** A component's configuration key: {@code maxSourcesPerAddress} is {@code max_sources_per_address}. */
    private static String snakeCase(String component) {
        return component.replaceAll("([A-Z])", "_$1").toLowerCase(Locale.ROOT);
    }

    private static List<InetSocketAddress> minus(List<InetSocketAddress> a, List<InetSocketAddress> b) {
        return a.stream().filter(x -> !b.contains(x)).toList();
    }

    private static Set<String> keysMinus(Map<String, ?> a, Map<String, ?> b) {
        Set<String> out = new TreeSet<>(a.keySet());
        out.removeAll(b.keySet());
        return out;
    }

    private static List<Object> nodes(List<ConfigSection> sections) {
        return sections.stream().map(s -> (Object) s.node()).toList();
    }
}
