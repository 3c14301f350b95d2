package dev.ncbridge.sink.elasticsearch;

import co.elastic.clients.elasticsearch.indices.DataStreamLifecycle;
import co.elastic.clients.util.ObjectBuilder;
import dev.ncbridge.config.Durations;
import java.time.Duration;
import java.util.Locale;

/**
 * How long a data stream keeps documents: the {@code retention} key, written into the data
 * stream lifecycle as {@code data_retention}. Elasticsearch deletes a backing index once all of
 * it is older than that. {@link #FOREVER} ({@code none}) keeps the lifecycle, so backing indices
 * still roll over, but deletes nothing.
 */
record Retention(Duration duration) {
    static final Retention FOREVER = new Retention(null);
    static final String DEFAULT = "30d";

    /**
     * Parses {@code none} or a duration of at least a second, as {@code 30d} or {@code 12h}.
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    static Retention parse(String text) {
        if (text.trim().toLowerCase(Locale.ROOT).equals("none")) {
            return FOREVER;
        }
        Duration d;
        try {
            d = Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + ", or none to keep documents for ever");
        }
        if (d.compareTo(Duration.ofSeconds(1)) < 0 || d.toNanos() % 1_000_000_000L != 0) {
            throw new IllegalArgumentException("\"" + text + "\" is not a whole number of seconds of at least 1s"
                    + " (Elasticsearch keeps data for days, as 30d)");
        }
        return new Retention(d);
    }

    ObjectBuilder<DataStreamLifecycle> applyTo(DataStreamLifecycle.Builder lifecycle) {
        lifecycle.enabled(true);
        if (duration != null) {
            lifecycle.dataRetention(t -> t.time(toString()));
        }
        return lifecycle;
    }

    /** As Elasticsearch writes time values: one number and the largest unit that divides it exactly ({@code 36h}). */
    @Override
    public String toString() {
        if (duration == null) {
            return "none";
        }
        long seconds = duration.toSeconds();
        long[] units = {86_400, 3_600, 60, 1};
        String[] names = {"d", "h", "m", "s"};
        int u = 0;
        while (seconds % units[u] != 0) {
            u++;
        }
        return seconds / units[u] + names[u];
    }
}
