package dev.ncbridge.app.route;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ncbridge.config.ConfigProblem;
import dev.ncbridge.config.ConfigSection;
import dev.ncbridge.config.Suggestions;
import dev.ncbridge.ingest.record.Field;
import dev.ncbridge.ingest.record.Fields;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Compiles a route's {@code match} mapping into one matcher that requires every key to match. */
final class MatchParser {
    private interface Factory {
        RecordMatcher of(ConfigSection value, List<ConfigProblem> problems);
    }

    /**
     * The fields routes match on, keyed by their catalogue name, cheapest test first: the keys
     * are evaluated in this order whatever order the file gives them, so a regex runs only on
     * records the bit tests let through.
     */
    private static final Map<String, Factory> MATCHERS = new LinkedHashMap<>();

    static {
        put(Fields.KIND, KindMatcher::of);
        put(Fields.EVENT, EventMatcher::of);
        put(Fields.CRASH_KIND, CrashKindMatcher::of);
        put(Fields.LEVEL, LevelMatcher::of);
        put(Fields.FACILITY, FacilityMatcher::of);
        put(Fields.HOST, HostMatcher::of);
        put(Fields.USERDATA, UserdataMatcher::of);
        put(Fields.MESSAGE, MessageMatcher::of);
    }

    private MatchParser() {
    }

    private static void put(Field field, Factory factory) {
        MATCHERS.put(field.name(), factory);
    }

    static RecordMatcher parse(ConfigSection match, List<ConfigProblem> problems) {
        JsonNode node = match.node();
        if (!node.isObject()) {
            problems.add(match.problem(null, "expected a mapping of matchers, as {level: \"<=err\"}"));
            return RecordMatcher.ANY;
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (MATCHERS.containsKey(key)) {
                continue;
            }
            Field field = Fields.named(key);
            problems.add(match.problem(key, field == null
                    ? Suggestions.unknown("unknown matcher", key, MATCHERS.keySet(), "known matchers")
                    : "routes cannot match on the field \"" + key + "\"; known matchers: "
                    + String.join(", ", new TreeSet<>(MATCHERS.keySet()))));
        }
        Map<String, RecordMatcher> built = new LinkedHashMap<>();
        MATCHERS.forEach((key, factory) -> {
            if (node.has(key)) {
                built.put(key, factory.of(match.child(key), problems));
            }
        });
        if (built.containsKey("event") && built.get("kind") instanceof KindMatcher kind && !kind.acceptsEvents()) {
            problems.add(match.problem("event", "only events have an event type, but \"kind\" leaves events out"));
        }
        if (built.containsKey("crash_kind") && built.get("kind") instanceof KindMatcher kind
                && !kind.acceptsCrashes()) {
            problems.add(match.problem("crash_kind",
                    "only crash records have a crash kind, but \"kind\" leaves crash records out"));
        }
        if (built.containsKey("crash_kind") && built.containsKey("event")) {
            problems.add(match.problem("crash_kind", "no record has both an event type and a crash kind"));
        }
        return AllOf.of(new ArrayList<>(built.values()));
    }
}
