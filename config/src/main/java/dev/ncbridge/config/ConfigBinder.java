package dev.ncbridge.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Binds parts of a configuration tree to settings records, strictly, and reports every problem
 * at once: each unknown key (with the key it probably misspells), each value of the wrong type,
 * and each value the record's constructor rejects, at that key's full path and line.
 *
 * <p>A record's components are its keys, in snake_case ({@code socket_buffer} binds
 * {@code socketBuffer}); a key left out is null, for the constructor to default. The constructor
 * checks values by throwing IllegalArgumentException. To tell which key a check is about without
 * any code per record, the record is also built with each key alone: a key whose value fails alone
 * gets the problem at its own path; a check that fails only with all keys together is a problem
 * of the whole section.
 */
final class ConfigBinder {
    private static final PropertyNamingStrategies.NamingBase SNAKE_CASE =
            (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;

    private ConfigBinder() {
    }

    static <T> T bind(LocatedTree tree, String path, JsonNode node, Class<T> type) {
        return bind(tree, path, node, type, Set.of());
    }

    /**
     * @param otherKnownKeys keys valid in this section but bound elsewhere, named with the type's own
     *     when a key is unknown
     * @throws ConfigException with every problem found
     */
    static <T> T bind(LocatedTree tree, String path, JsonNode node, Class<T> type, Set<String> otherKnownKeys) {
        List<ConfigProblem> problems = new ArrayList<>();
        Object value = value(tree, path, node, type, otherKnownKeys, problems);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return type.cast(value);
    }

    /** The key a record component is written as. */
    static String keyOf(RecordComponent component) {
        return SNAKE_CASE.translate(component.getName());
    }

    /** Reads {@code node} as {@code type}, adding what is wrong to {@code problems}; null when something is. */
    private static Object value(LocatedTree tree, String path, JsonNode node, Type type, Set<String> otherKnownKeys,
                                List<ConfigProblem> problems) {
        Class<?> raw = raw(type);
        if (ScalarValues.isScalar(raw)) {
            try {
                return ScalarValues.read(node, raw);
            } catch (IllegalArgumentException e) {
                problems.add(tree.problem(path, e.getMessage()));
                return null;
            }
        }
        if (raw.isRecord()) {
            return record(tree, path, node, raw, otherKnownKeys, problems);
        }
        if (List.class.isAssignableFrom(raw) || Set.class.isAssignableFrom(raw)) {
            return collection(tree, path, node, argument(type, 0), Set.class.isAssignableFrom(raw), problems);
        }
        if (Map.class.isAssignableFrom(raw)) {
            return map(tree, path, node, argument(type, 1), problems);
        }
        throw new IllegalStateException(type + " is not a configuration value type; see ScalarValues");
    }

    private static Object record(LocatedTree tree, String path, JsonNode node, Class<?> type, Set<String> otherKnownKeys,
                                 List<ConfigProblem> problems) {
        if (!node.isObject()) {
            problems.add(tree.problem(path, "expected a mapping of keys, not " + ScalarValues.found(node)));
            return null;
        }
        RecordComponent[] components = type.getRecordComponents();
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int i = 0; i < components.length; i++) {
            index.put(keyOf(components[i]), i);
        }
        Object[] args = absent(components);
        boolean[] given = new boolean[components.length];
        boolean[] unreadable = new boolean[components.length];
        int before = problems.size();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String key = field.getKey();
            String keyPath = ConfigPath.field(path, key);
            Integer i = index.get(key);
            if (i == null) {
                Set<String> known = new LinkedHashSet<>(index.keySet());
                known.addAll(otherKnownKeys);
                problems.add(tree.problem(keyPath, Suggestions.unknown("unknown key", key, known, "known keys")));
            } else if (!field.getValue().isNull()) {
                int typeProblems = problems.size();
                args[i] = value(tree, keyPath, field.getValue(), components[i].getGenericType(), Set.of(), problems);
                given[i] = problems.size() == typeProblems;
                unreadable[i] = !given[i];
            }
        }
        return construct(tree, path, type, components, args, given, unreadable, problems.size() > before, problems);
    }

    /**
     * Builds the record with every key; when that fails (or some key is of the wrong type), checks
     * each well-typed key alone to name the keys at fault. A check of two keys together (such as
     * {@code overflow: spool} needing {@code spool}) fails for each key alone but passes with both,
     * so the whole record is tried first.
     */
    private static Object construct(LocatedTree tree, String path, Class<?> type, RecordComponent[] components,
                                    Object[] args, boolean[] given, boolean[] unreadable, boolean badKeys,
                                    List<ConfigProblem> problems) {
        Constructor<?> constructor = canonical(type, components);
        if (!badKeys && rejection(constructor, args) == null) {
            try {
                return constructor.newInstance(args);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot build " + type.getName(), e);
            }
        }
        String withNone = rejection(constructor, absent(components));
        int before = problems.size();
        for (int i = 0; i < components.length; i++) {
            if (!given[i]) {
                continue;
            }
            Object[] alone = absent(components);
            alone[i] = args[i];
            String rejected = rejection(constructor, alone);
            if (rejected != null && !rejected.equals(withNone) && !namesAnUnreadableKey(rejected, components, unreadable)) {
                String key = keyOf(components[i]);
                // "threads must be from 1 to 64" at receive.threads reads "receive.threads: must be from 1 to 64".
                String message = rejected.startsWith(key + " must ") ? rejected.substring(key.length() + 1) : rejected;
                problems.add(tree.problem(ConfigPath.field(path, key), message));
            }
        }
        if (badKeys || problems.size() > before) {
            return null;
        }
        try {
            return constructor.newInstance(args);
        } catch (InvocationTargetException e) {
            problems.add(tree.problem(path, rejectionOf(e)));
            return null;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build " + type.getName(), e);
        }
    }

    /**
     * Whether a rejection names a key that was given but could not be read: a check of two keys
     * together ({@code overflow: spool} needs {@code spool}) then fails for want of that key, whose
     * own problem is already reported and is the one to fix.
     */
    private static boolean namesAnUnreadableKey(String rejection, RecordComponent[] components, boolean[] unreadable) {
        for (int i = 0; i < components.length; i++) {
            if (unreadable[i] && rejection.contains(keyOf(components[i]) + " key")) {
                return true;
            }
        }
        return false;
    }

    /** Why the constructor rejects {@code args}, or null when it accepts them. */
    private static String rejection(Constructor<?> constructor, Object[] args) {
        try {
            constructor.newInstance(args);
            return null;
        } catch (InvocationTargetException e) {
            return rejectionOf(e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build " + constructor.getDeclaringClass().getName(), e);
        }
    }

    /** The message of the IllegalArgumentException a settings constructor throws; anything else is a bug, rethrown. */
    private static String rejectionOf(InvocationTargetException e) {
        if (e.getCause() instanceof IllegalArgumentException iae && iae.getMessage() != null) {
            return iae.getMessage();
        }
        if (e.getCause() instanceof RuntimeException re) {
            throw re;
        }
        throw new IllegalStateException(e.getCause());
    }

    private static Constructor<?> canonical(Class<?> type, RecordComponent[] components) {
        try {
            Constructor<?> c = type.getDeclaredConstructor(Arrays.stream(components).map(RecordComponent::getType)
                    .toArray(Class<?>[]::new));
            // Sinks keep their settings records package-private.
            c.setAccessible(true);
            return c;
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Arguments for a record with no key given: null, or zero for a primitive. */
    private static Object[] absent(RecordComponent[] components) {
        Object[] args = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            Class<?> t = components[i].getType();
            args[i] = t.isPrimitive() ? Array.get(Array.newInstance(t, 1), 0) : null;
        }
        return args;
    }

    private static Object collection(LocatedTree tree, String path, JsonNode node, Type item, boolean set,
                                     List<ConfigProblem> problems) {
        if (!node.isArray()) {
            problems.add(tree.problem(path, "expected a list, not " + ScalarValues.found(node)));
            return null;
        }
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            out.add(element(tree, ConfigPath.index(path, i), node.get(i), item, problems));
        }
        return set ? Collections.unmodifiableSet(new LinkedHashSet<>(out)) : Collections.unmodifiableList(out);
    }

    private static Object map(LocatedTree tree, String path, JsonNode node, Type valueType, List<ConfigProblem> problems) {
        if (!node.isObject()) {
            problems.add(tree.problem(path, "expected a mapping of keys, not " + ScalarValues.found(node)));
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), element(tree, ConfigPath.field(path, e.getKey()), e.getValue(), valueType, problems));
        }
        return Collections.unmodifiableMap(out);
    }

    /** An item of a list or a value of a map, which cannot be left empty: there is no default to take its place. */
    private static Object element(LocatedTree tree, String path, JsonNode node, Type type, List<ConfigProblem> problems) {
        if (node.isNull()) {
            problems.add(tree.problem(path, "a value is missing here"));
            return null;
        }
        return value(tree, path, node, type, Set.of(), problems);
    }

    static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        throw new IllegalStateException(type + " is not a configuration value type");
    }

    static Type argument(Type type, int i) {
        if (type instanceof ParameterizedType p) {
            return p.getActualTypeArguments()[i];
        }
        throw new IllegalStateException(type + " needs its type arguments, as List<String>");
    }
}
