package dev.ncbridge.app.route;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ncbridge.config.ConfigProblem;
import dev.ncbridge.config.ConfigSection;
import dev.ncbridge.ingest.record.Fields;
import dev.ncbridge.ingest.record.KeyValue;
import dev.ncbridge.ingest.record.Record;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * {@code userdata}: a mapping of userdata key to a value glob, or a list of globs (any of). Every
 * key must match: the record has that key with a value the glob accepts. A key may repeat in a
 * record; any of its values will do. Globs here are case-sensitive, like the values.
 */
final class UserdataMatcher implements RecordMatcher {
    private final String[] keys;
    /** {@code values[i]}: the globs for {@code keys[i]}. */
    private final Glob[][] values;

    private UserdataMatcher(String[] keys, Glob[][] values) {
        this.keys = keys;
        this.values = values;
    }

    static UserdataMatcher of(ConfigSection value, List<ConfigProblem> problems) {
        JsonNode node = value.node();
        List<String> keys = new ArrayList<>();
        List<Glob[]> values = new ArrayList<>();
        if (!node.isObject() || node.isEmpty()) {
            problems.add(value.problem(null, "expected a mapping of userdata keys to value patterns, as {role: \"db*\"}"));
        } else {
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                keys.add(key);
                values.add(Scalars.of(value.child(key), problems).stream()
                        .map(s -> Glob.caseSensitive(s.text())).toArray(Glob[]::new));
            }
        }
        return new UserdataMatcher(keys.toArray(new String[0]), values.toArray(new Glob[0][]));
    }

    @Override
    public boolean matches(Record r) {
        List<KeyValue> userdata = Fields.USERDATA.value(r);
        for (int k = 0; k < keys.length; k++) {
            if (!has(userdata, keys[k], values[k])) {
                return false;
            }
        }
        return true;
    }

    /** Indexed loops: the record's list is random access, and an iterator would be an allocation. */
    private static boolean has(List<KeyValue> userdata, String key, Glob[] globs) {
        for (int i = 0; i < userdata.size(); i++) {
            KeyValue kv = userdata.get(i);
            if (kv.key().equals(key)) {
                for (Glob glob : globs) {
                    if (glob.matches(kv.value())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
