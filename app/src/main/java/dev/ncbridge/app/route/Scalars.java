package dev.ncbridge.app.route;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ncbridge.config.ConfigProblem;
import dev.ncbridge.config.ConfigSection;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a value written as one value or a list of them: a matcher's entries (any of which may
 * match), a route's {@code to}. Each entry keeps its own section so that a bad entry in a list is
 * reported at its own line.
 */
final class Scalars {
    /** One entry: its text ({@code 3} and {@code "3"} alike) and where it is. */
    record Scalar(ConfigSection at, String text) {
        ConfigProblem problem(String message) {
            return at.problem(null, message);
        }
    }

    private Scalars() {
    }

    /** The entries of {@code value}; a missing, empty or nested value is a problem and yields no entries. */
    static List<Scalar> of(ConfigSection value, List<ConfigProblem> problems) {
        JsonNode node = value.node();
        List<Scalar> out = new ArrayList<>();
        if (isScalar(node)) {
            out.add(new Scalar(value, node.asText()));
        } else if (node.isArray() && !node.isEmpty()) {
            for (int i = 0; i < node.size(); i++) {
                ConfigSection item = value.item(i);
                if (isScalar(item.node())) {
                    out.add(new Scalar(item, item.node().asText()));
                } else {
                    problems.add(item.problem(null, "expected a value, not a list, mapping or null"));
                }
            }
        } else if (node.isArray()) {
            problems.add(value.problem(null, "the list is empty: give at least one value"));
        } else {
            problems.add(value.problem(null, "expected a value or a list of values"));
        }
        return out;
    }

    /** Jackson counts null as a value node; here it is a forgotten value, not the text "null". */
    private static boolean isScalar(JsonNode node) {
        return node.isValueNode() && !node.isNull();
    }
}
