package dev.ncbridge.app.route;

import dev.ncbridge.config.ConfigProblem;
import dev.ncbridge.config.ConfigSection;
import dev.ncbridge.ingest.record.Fields;
import dev.ncbridge.ingest.record.Record;
import dev.ncbridge.ingest.record.RecordKind;
import java.util.List;

/** {@code kind}: {@code message} (kernel messages) or {@code event} (the bridge's own events). */
final class KindMatcher implements RecordMatcher {
    private final boolean[] accepted;

    private KindMatcher(boolean[] accepted) {
        this.accepted = accepted;
    }

    static KindMatcher of(ConfigSection value, List<ConfigProblem> problems) {
        boolean[] accepted = new boolean[RecordKind.values().length];
        for (Scalars.Scalar entry : Scalars.of(value, problems)) {
            RecordKind kind = find(entry.text().trim());
            if (kind == null) {
                problems.add(entry.problem("\"" + entry.text() + "\" is not a kind: write message or event"));
            } else {
                accepted[kind.ordinal()] = true;
            }
        }
        return new KindMatcher(accepted);
    }

    private static RecordKind find(String name) {
        for (RecordKind kind : RecordKind.values()) {
            if (Fields.KIND.textOf(kind).equals(name)) {
                return kind;
            }
        }
        return null;
    }

    boolean accepts(RecordKind kind) {
        return accepted[kind.ordinal()];
    }

    @Override
    public boolean matches(Record r) {
        return accepted[Fields.KIND.value(r).ordinal()];
    }
}
