package dev.ncbridge.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Binds parts of a configuration tree to typed records, strictly: unknown keys, wrong types and
 * values a record's constructor rejects become a {@link ConfigProblem} naming the key and line.
 * Keys are snake_case ({@code socket_buffer} binds {@code socketBuffer}); enums match case-blind.
 */
final class ConfigBinder {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .addModule(new SimpleModule("ncbridge-config")
                    .addDeserializer(Duration.class, new FromText<>(Durations::parse))
                    .addDeserializer(DataSize.class, new FromText<>(DataSize::parse))
                    .addDeserializer(Cidr.class, new FromText<>(Cidr::parse))
                    .addDeserializer(ApiToken.class, new FromText<>(ApiToken::parse)))
            .build();

    private ConfigBinder() {
    }

    static <T> T bind(LocatedTree tree, String path, JsonNode node, Class<T> type) {
        return bind(tree, path, node, type, Set.of());
    }

    /** @param otherKnownKeys keys valid at this level but bound elsewhere, named with the type's own when a key is unknown */
    static <T> T bind(LocatedTree tree, String path, JsonNode node, Class<T> type, Set<String> otherKnownKeys) {
        try {
            return MAPPER.treeToValue(node, type);
        } catch (JsonMappingException e) {
            String at = path;
            for (JsonMappingException.Reference ref : e.getPath()) {
                at = ref.getFieldName() != null ? ConfigPath.field(at, ref.getFieldName()) : ConfigPath.index(at, ref.getIndex());
            }
            // Other keys are only known at the section's own level, not in nested records.
            boolean topLevel = e.getPath().size() <= 1;
            throw new ConfigException(tree.problem(at, explain(e, topLevel ? otherKnownKeys : Set.of())));
        } catch (IOException e) {
            throw new ConfigException(tree.problem(path, e.getMessage()));
        }
    }

    private static String explain(JsonMappingException e, Set<String> otherKnownKeys) {
        Throwable cause = e.getCause();
        if (cause instanceof IllegalArgumentException && cause.getMessage() != null) {
            return cause.getMessage();
        }
        if (e instanceof UnrecognizedPropertyException u) {
            return "unknown key \"" + u.getPropertyName() + "\"; known keys: " + known(u.getKnownPropertyIds(), otherKnownKeys);
        }
        if (e instanceof ValueInstantiationException && cause != null && cause.getMessage() != null) {
            return cause.getMessage();
        }
        if (e instanceof InvalidFormatException f) {
            return "\"" + f.getValue() + "\" is not " + describe(f.getTargetType());
        }
        if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            return "expected " + describe(m.getTargetType());
        }
        return e.getOriginalMessage();
    }

    private static String known(Collection<Object> ids, Set<String> otherKnownKeys) {
        return java.util.stream.Stream.concat(ids.stream().map(String::valueOf), otherKnownKeys.stream())
                .distinct().sorted().collect(Collectors.joining(", "));
    }

    private static String describe(Class<?> type) {
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants())
                    .map(c -> c.toString().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
        }
        if (type == int.class || type == long.class || type == Integer.class || type == Long.class) {
            return "a whole number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (List.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "a mapping of keys";
        }
        if (type == String.class) {
            return "text";
        }
        return "a " + type.getSimpleName();
    }

    /** Values written as text and parsed by a function that throws IllegalArgumentException. */
    private static final class FromText<T> extends JsonDeserializer<T> {
        private final java.util.function.Function<String, T> parse;

        FromText(java.util.function.Function<String, T> parse) {
            this.parse = parse;
        }

        @Override
        public T deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
            try {
                return parse.apply(p.getValueAsString(p.getText()));
            } catch (IllegalArgumentException e) {
                throw JsonMappingException.from(p, e.getMessage(), e);
            }
        }
    }
}
