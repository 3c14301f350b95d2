package dev.ncbridge.app.route;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ncbridge.config.ConfigProblem;
import dev.ncbridge.config.ConfigSection;
import dev.ncbridge.config.Suggestions;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Compiles a route's {@code match} mapping into one matcher that requires every key to match. */
final class MatchParser {
    private interface Factory {
        RecordMatcher of(ConfigSection value, List<ConfigProblem> problems);
    }

    /**
     * Every matcher key, cheapest test first: the keys are evaluated in this order whatever
     * order the file gives them, so a regex runs only on records the bit tests let through.
     */
    private static final Map<String, Factory> MATCHERS = new LinkedHashMap<>();

    static {
        MATCHERS.put("kind", KindMatcher::of);
        MATCHERS.put("event", EventMatcher::of);
        MATCHERS.put("crash_kind", CrashKindMatcher::of);
        MATCHERS.put("level", LevelMatcher::of);
        MATCHERS.put("facility", FacilityMatcher::of);
        MATCHERS.put("host", HostMatcher::of);
        MATCHERS.put("userdata", UserdataMatcher::of);
        MATCHERS.put("message", MessageMatcher::of);
    }

    private MatchParser() {
    }

    static RecordMatcher parse(ConfigSection match, List<ConfigProblem> problems) {
        JsonNode node = match.node();
        if (!node.isObject()) {
            problems.add(match.problem(null, "expected a mapping of matchers, as {level: \"<=err\"}"));
            return RecordMatcher.ANY;
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!MATCHERS.containsKey(key)) {
                problems.add(match.problem(key, Suggestions.unknown("unknown matcher", key, MATCHERS.keySet(),
                        "known matchers")));
            }
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
