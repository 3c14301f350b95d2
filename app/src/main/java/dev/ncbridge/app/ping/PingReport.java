package dev.ncbridge.app.ping;

import dev.ncbridge.ingest.record.AddressText;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Collects how each target's ping went, and says it in one line. */
final class PingReport {
    private final URI verify;
    private final List<String> good = new ArrayList<>();
    private final List<String> bad = new ArrayList<>();

    /** @param verify the bridge asked, or null when pings were only sent */
    PingReport(URI verify) {
        this.verify = verify;
    }

    void sent(SentPing p) {
        good.add(p.target().name() + " -> " + remote(p.target()) + " nonce=" + p.nonce());
    }

    void verified(SentPing p, Duration after) {
        good.add(p.target().name() + " in " + after.toMillis() + "ms");
    }

    void failed(NetconsoleTarget t, String why) {
        bad.add(t.name() + " (" + remote(t) + "): " + why);
    }

    boolean ok() {
        return bad.isEmpty();
    }

    String line(PingVia via) {
        int total = good.size() + bad.size();
        if (!ok()) {
            return "ncbridge ping: FAILED: " + bad.size() + "/" + total + " targets not "
                    + (verify == null ? "pinged" : "verified") + " via " + via.wireName() + ": "
                    + String.join("; ", bad);
        }
        return "ncbridge ping: ok: " + total + "/" + total + " targets "
                + (verify == null ? "pinged" : "verified by " + verify) + " via " + via.wireName() + " ("
                + String.join(", ", good) + ")";
    }

    private static String remote(NetconsoleTarget t) {
        return AddressText.withPort(t.remoteIp().getHostAddress(), t.remotePort());
    }
}
