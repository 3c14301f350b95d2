package dev.ncbridge.app.testing;

import java.util.Set;
import java.util.TreeSet;

/**
 * The series names of a Prometheus text-format scrape, one per metric family, as an alert or a
 * dashboard writes them: counters with {@code _total}, histograms and summaries by their base
 * name (without the {@code _bucket}, {@code _count} and {@code _sum} of their samples).
 */
public final class LiveSeries {
    private LiveSeries() {
    }

    public static Set<String> of(String scrape) {
        Set<String> names = new TreeSet<>();
        for (String line : scrape.split("\n")) {
            if (line.startsWith("# TYPE ")) {
                String[] parts = line.split(" ");
                String name = parts[2];
                boolean counter = parts[3].equals("counter");
                names.add(counter && !name.endsWith("_total") ? name + "_total" : name);
            }
        }
        return names;
    }
}
