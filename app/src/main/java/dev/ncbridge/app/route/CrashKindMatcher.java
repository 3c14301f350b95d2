package dev.ncbridge.app.route;

import dev.ncbridge.config.ConfigProblem;
import dev.ncbridge.config.ConfigSection;
import dev.ncbridge.ingest.crash.CrashKind;
import dev.ncbridge.ingest.record.CrashRecord;
import dev.ncbridge.ingest.record.Record;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code crash_kind}: kinds of kernel report ({@code oops}, {@code panic}, {@code warning}...);
 * only crash records match, so this implies {@code kind: crash}.
 */
final class CrashKindMatcher implements RecordMatcher {
    private static final String KINDS = Arrays.stream(CrashKind.values()).map(CrashKind::wireName)
            .collect(Collectors.joining(", "));

    private final boolean[] accepted;

    private CrashKindMatcher(boolean[] accepted) {
        this.accepted = accepted;
    }

    static CrashKindMatcher of(ConfigSection value, List<ConfigProblem> problems) {
        boolean[] accepted = new boolean[CrashKind.values().length];
        for (Scalars.Scalar entry : Scalars.of(value, problems)) {
            CrashKind kind = find(entry.text().trim());
            if (kind == null) {
                problems.add(entry.problem("\"" + entry.text() + "\" is not a crash kind; crash kinds: " + KINDS));
            } else {
                accepted[kind.ordinal()] = true;
            }
        }
        return new CrashKindMatcher(accepted);
    }

    private static CrashKind find(String name) {
        for (CrashKind kind : CrashKind.values()) {
            if (kind.wireName().equals(name)) {
                return kind;
            }
        }
        return null;
    }

    @Override
    public boolean matches(Record r) {
        return r instanceof CrashRecord c && accepted[c.report().kind().ordinal()];
    }
}
