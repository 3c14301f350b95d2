package dev.ncbridge.app.decode;

import dev.ncbridge.ingest.codec.DecodeCounter;
import dev.ncbridge.ingest.codec.DecodeCounters;
import dev.ncbridge.ingest.codec.MalformedReason;
import dev.ncbridge.ingest.crash.CrashKind;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** The decoder's counters as text for a person: the {@code --stats} table and the malformed summary. */
final class DecodeStats {
    private DecodeStats() {
    }

    /** Every counter, zeros included, so the table always has the same rows; names are the metric names. */
    static void print(DecodeCounters c, PrintWriter err) {
        err.println("decode stats:");
        for (DecodeCounter k : DecodeCounter.values()) {
            err.printf("  %-28s %d%n", k.metricName(), c.get(k));
        }
        err.printf("  %-28s %d%n", "malformed", c.malformedTotal());
        for (MalformedReason r : MalformedReason.values()) {
            err.printf("    %-26s %d%n", r.label(), c.malformedCount(r));
        }
        long crashes = 0;
        for (CrashKind k : CrashKind.values()) {
            crashes += c.crashes(k);
        }
        err.printf("  %-28s %d%n", "crashes", crashes);
        for (CrashKind k : CrashKind.values()) {
            err.printf("    %-26s %d%n", k.wireName(), c.crashes(k));
        }
        err.printf("  %-28s %d%n", "unexplained_reboots", c.unexplainedReboots());
    }

    /** One line, e.g. {@code 2 of 10 datagrams malformed (bad_fragment_field 1, empty 1)}. */
    static String malformedSummary(DecodeCounters c) {
        List<String> reasons = new ArrayList<>();
        for (MalformedReason r : MalformedReason.values()) {
            long n = c.malformedCount(r);
            if (n > 0) {
                reasons.add(r.label() + " " + n);
            }
        }
        return c.malformedTotal() + " of " + c.get(DecodeCounter.DATAGRAMS) + " datagrams malformed ("
                + String.join(", ", reasons) + ")";
    }
}
