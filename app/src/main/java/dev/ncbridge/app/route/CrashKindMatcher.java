package dev.ncbridge.app.route;

import dev.ncbridge.config.ConfigProblem;
import dev.ncbridge.config.ConfigSection;
import dev.ncbridge.ingest.crash.CrashKind;
import dev.ncbridge.ingest.record.Fields;
import dev.ncbridge.ingest.record.Record;
import java.util.List;

/**
 * {@code crash_kind}: kinds of kernel report ({@code oops}, {@code panic}, {@code warning}...);
 * only crash records match, so this implies {@code kind: crash}.
 */
final class CrashKindMatcher implements RecordMatcher {
    private final boolean[] accepted;

    private CrashKindMatcher(boolean[] accepted) {
        this.accepted = accepted;
    }

    static CrashKindMatcher of(ConfigSection value, List<ConfigProblem> problems) {
        return new CrashKindMatcher(WireNameSet.of(CrashKind.values(), Fields.CRASH_KIND::textOf, "crash kind",
                value, problems));
    }

    @Override
    public boolean matches(Record r) {
        CrashKind kind = Fields.CRASH_KIND.value(r);
        return kind != null && accepted[kind.ordinal()];
    }
}
