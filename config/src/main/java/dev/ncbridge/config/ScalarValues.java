package dev.ncbridge.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The value types a settings record may use, each read strictly from YAML (no float for a whole
 * number, no text for true or false) and described as JSON Schema, side by side so that a type
 * added here is both checked and published.
 */
final class ScalarValues {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private record Kind(Function<JsonNode, Object> read, Function<ObjectNode, ObjectNode> schema) {
    }

    private static final Map<Class<?>, Kind> KINDS = Map.ofEntries(
            Map.entry(String.class, new Kind(ScalarValues::text, s -> s.put("type", "string"))),
            Map.entry(Boolean.class, new Kind(ScalarValues::bool, s -> s.put("type", "boolean"))),
            Map.entry(boolean.class, new Kind(ScalarValues::bool, s -> s.put("type", "boolean"))),
            Map.entry(Integer.class, new Kind(n -> whole(n, Integer.MIN_VALUE, Integer.MAX_VALUE).intValue(),
                    s -> range(s, Integer.MIN_VALUE, Integer.MAX_VALUE))),
            Map.entry(int.class, new Kind(n -> whole(n, Integer.MIN_VALUE, Integer.MAX_VALUE).intValue(),
                    s -> range(s, Integer.MIN_VALUE, Integer.MAX_VALUE))),
            Map.entry(Long.class, new Kind(n -> whole(n, Long.MIN_VALUE, Long.MAX_VALUE).longValue(),
                    s -> range(s, Long.MIN_VALUE, Long.MAX_VALUE))),
            Map.entry(long.class, new Kind(n -> whole(n, Long.MIN_VALUE, Long.MAX_VALUE).longValue(),
                    s -> range(s, Long.MIN_VALUE, Long.MAX_VALUE))),
            Map.entry(Double.class, new Kind(ScalarValues::number, s -> s.put("type", "number"))),
            Map.entry(double.class, new Kind(ScalarValues::number, s -> s.put("type", "number"))),
            Map.entry(Duration.class, new Kind(n -> Durations.parse(textOnly(n, "a duration, as 5s")),
                    s -> s.put("type", "string").put("pattern", Durations.PATTERN))),
            Map.entry(DataSize.class, new Kind(n -> DataSize.parse(sizeText(n)), s -> {
                s.putArray("type").add("string").add("integer");
                return s.put("pattern", DataSize.PATTERN).put("minimum", 0);
            })),
            Map.entry(Cidr.class, new Kind(n -> Cidr.parse(textOnly(n, "an address or address block, as 10.0.0.0/8")),
                    s -> s.put("type", "string"))),
            Map.entry(ApiToken.class, new Kind(n -> ApiToken.parse(textOnly(n, "a token of 16 or more visible characters")),
                    s -> s.put("type", "string"))),
            Map.entry(InetSocketAddress.class, new Kind(
                    n -> SocketAddresses.parseLiteral(textOnly(n, "an address and port, as 0.0.0.0:6666")),
                    s -> s.put("type", "string"))));

    private ScalarValues() {
    }

    static boolean isScalar(Class<?> type) {
        return KINDS.containsKey(type) || type.isEnum();
    }

    /** Reads {@code node} as {@code type}; throws IllegalArgumentException saying what was expected and what was found. */
    static Object read(JsonNode node, Class<?> type) {
        if (type.isEnum()) {
            return enumValue(node, type);
        }
        return KINDS.get(type).read().apply(node);
    }

    static ObjectNode schema(Class<?> type) {
        ObjectNode s = NODES.objectNode();
        if (type.isEnum()) {
            s.put("type", "string");
            names(type).forEach(s.putArray("enum")::add);
            return s;
        }
        return KINDS.get(type).schema().apply(s);
    }

    /** The enum's constants as written in a file: {@code drop_newest} for {@code DROP_NEWEST}. */
    static List<String> names(Class<?> enumType) {
        return Arrays.stream(enumType.getEnumConstants()).map(c -> ((Enum<?>) c).name().toLowerCase(Locale.ROOT)).toList();
    }

    /** What {@code node} is, for "expected X, not Y". */
    static String found(JsonNode node) {
        if (node.isTextual()) {
            return "the text \"" + node.textValue() + "\"";
        }
        if (node.isNumber() || node.isBoolean()) {
            return node.asText();
        }
        return node.isArray() ? "a list" : node.isObject() ? "a mapping" : "nothing";
    }

    private static IllegalArgumentException expected(String what, JsonNode node) {
        return new IllegalArgumentException("expected " + what + ", not " + found(node));
    }

    private static String text(JsonNode node) {
        // Numbers are text too where text is asked for (acks: 1, a port), but true is not "true".
        if (node.isTextual() || node.isNumber()) {
            return node.asText();
        }
        throw expected("text", node);
    }

    private static String textOnly(JsonNode node, String what) {
        if (!node.isTextual()) {
            throw expected(what, node);
        }
        return node.textValue();
    }

    private static String sizeText(JsonNode node) {
        if (node.isIntegralNumber()) {
            return node.asText();
        }
        return textOnly(node, "a size, as 8MiB");
    }

    private static Boolean bool(JsonNode node) {
        if (!node.isBoolean()) {
            throw expected("true or false", node);
        }
        return node.booleanValue();
    }

    private static BigInteger whole(JsonNode node, long min, long max) {
        String what = "a whole number from " + min + " to " + max;
        if (!node.isIntegralNumber()) {
            throw expected(node.isNumber() ? "a whole number" : what, node);
        }
        BigInteger n = node.bigIntegerValue();
        if (n.compareTo(BigInteger.valueOf(min)) < 0 || n.compareTo(BigInteger.valueOf(max)) > 0) {
            throw expected(what, node);
        }
        return n;
    }

    private static Double number(JsonNode node) {
        if (!node.isNumber()) {
            throw expected("a number", node);
        }
        return node.doubleValue();
    }

    private static ObjectNode range(ObjectNode s, long min, long max) {
        return s.put("type", "integer").put("minimum", min).put("maximum", max);
    }

    private static Object enumValue(JsonNode node, Class<?> type) {
        List<String> names = names(type);
        String given = textOnly(node, "one of " + String.join(", ", names));
        int i = names.indexOf(given.toLowerCase(Locale.ROOT));
        if (i < 0) {
            throw new IllegalArgumentException("\"" + given + "\" is not one of " + String.join(", ", names)
                    + Suggestions.didYouMean(given, names));
        }
        return type.getEnumConstants()[i];
    }
}
