package dev.ncbridge.app.route;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ncbridge.config.ConfigProblem;
import dev.ncbridge.config.ConfigSection;
import dev.ncbridge.config.Suggestions;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Compiles one entry of {@code routes}: its {@code match}, {@code to} and {@code continue}. */
final class RouteParser {
    private static final Set<String> KEYS = Set.of("match", "to", "continue");

    private RouteParser() {
    }

    /** The route, or null after reporting that the entry is not a mapping at all. */
    static Route parse(ConfigSection route, SinkIndex sinks, List<ConfigProblem> problems) {
        JsonNode node = route.node();
        if (!node.isObject()) {
            problems.add(route.problem(null, "expected a route, as {match: {level: \"<=err\"}, to: [kafka]}"));
            return null;
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!KEYS.contains(key)) {
                problems.add(route.problem(key, Suggestions.unknown("unknown key", key, KEYS, "known keys")));
            }
        }
        RecordMatcher matcher = node.has("match") ? MatchParser.parse(route.child("match"), problems) : RecordMatcher.ANY;
        return new Route(matcher, targets(route, sinks, problems), continues(route, problems));
    }

    private static int[] targets(ConfigSection route, SinkIndex sinks, List<ConfigProblem> problems) {
        if (!route.node().has("to")) {
            problems.add(route.problem(null, "missing \"to\": the sinks this route sends to; " + sinks.known()));
            return new int[0];
        }
        Set<Integer> targets = new LinkedHashSet<>();
        for (Scalars.Scalar entry : Scalars.of(route.child("to"), problems)) {
            int index = sinks.indexOf(entry, problems);
            if (index >= 0) {
                targets.add(index);
            }
        }
        return targets.stream().mapToInt(Integer::intValue).toArray();
    }

    private static boolean continues(ConfigSection route, List<ConfigProblem> problems) {
        JsonNode value = route.node().get("continue");
        if (value == null) {
            return false;
        }
        if (!value.isBoolean()) {
            problems.add(route.problem("continue", "expected true or false"));
        }
        return value.asBoolean();
    }
}
