package dev.ncbridge.app.route;

import dev.ncbridge.config.ConfigProblem;
import dev.ncbridge.config.ConfigSection;
import dev.ncbridge.ingest.record.CrashRecord;
import dev.ncbridge.ingest.record.Fields;
import dev.ncbridge.ingest.record.KernelMessage;
import dev.ncbridge.ingest.record.Record;
import dev.ncbridge.ingest.record.SourceEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code kind}: {@code message} (kernel messages), {@code event} (the bridge's own events) or
 * {@code crash} (kernel reports gathered from messages).
 */
final class KindMatcher implements RecordMatcher {
    private static final List<String> KINDS = List.of(KernelMessage.KIND, SourceEvent.KIND, CrashRecord.KIND);

    /** The accepted kinds' names; a short list, and its strings are the records' own constants. */
    private final List<String> accepted;

    private KindMatcher(List<String> accepted) {
        this.accepted = List.copyOf(accepted);
    }

    static KindMatcher of(ConfigSection value, List<ConfigProblem> problems) {
        List<String> accepted = new ArrayList<>();
        for (Scalars.Scalar entry : Scalars.of(value, problems)) {
            int known = KINDS.indexOf(entry.text().trim());
            if (known < 0) {
                problems.add(entry.problem("\"" + entry.text() + "\" is not a kind: write message, event or crash"));
            } else if (!accepted.contains(KINDS.get(known))) {
                accepted.add(KINDS.get(known));
            }
        }
        return new KindMatcher(accepted);
    }

    boolean acceptsEvents() {
        return accepted.contains(SourceEvent.KIND);
    }

    boolean acceptsCrashes() {
        return accepted.contains(CrashRecord.KIND);
    }

    @Override
    public boolean matches(Record r) {
        return accepted.contains(Fields.KIND.value(r));
    }
}
