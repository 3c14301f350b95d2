package dev.ncbridge.app.route;

import dev.ncbridge.config.ConfigProblem;
import dev.ncbridge.config.Suggestions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Numbers the sinks that routes name, in order of first mention, so that the router can keep the
 * set of sinks a record already went to in the bits of one {@code long}. That caps the routes at
 * {@value #MAX} different sinks, far more than one bridge runs.
 */
final class SinkIndex {
    static final int MAX = Long.SIZE;

    private final Map<String, ? extends RecordTarget> sinks;
    private final Map<String, Integer> indexes = new HashMap<>();
    private final List<RecordTarget> targets = new ArrayList<>();

    SinkIndex(Map<String, ? extends RecordTarget> sinks) {
        this.sinks = sinks;
    }

    /** The index of the sink an entry of {@code to} names, or -1 after reporting why there is none. */
    int indexOf(Scalars.Scalar entry, List<ConfigProblem> problems) {
        String name = entry.text();
        Integer index = indexes.get(name);
        if (index != null) {
            return index;
        }
        RecordTarget target = sinks.get(name);
        if (target == null) {
            problems.add(entry.problem("no sink named \"" + name + "\"" + Suggestions.didYouMean(name, sinks.keySet())
                    + "; " + known()));
            return -1;
        }
        if (targets.size() == MAX) {
            problems.add(entry.problem("routes can send to at most " + MAX + " different sinks"));
            return -1;
        }
        indexes.put(name, targets.size());
        targets.add(target);
        return targets.size() - 1;
    }

    /** The configured sink names, for messages. */
    String known() {
        return sinks.isEmpty() ? "no sinks are configured" : "sinks: " + String.join(", ", new TreeSet<>(sinks.keySet()));
    }

    RecordTarget[] targets() {
        return targets.toArray(new RecordTarget[0]);
    }
}
