package dev.ncbridge.app.route;

import dev.ncbridge.ingest.record.Record;
import java.util.List;

/** The keys of one {@code match}: a record must pass every one of them. */
final class AllOf implements RecordMatcher {
    private final RecordMatcher[] all;

    private AllOf(RecordMatcher[] all) {
        this.all = all;
    }

    /** Skips the wrapper for zero or one matcher, the common cases. */
    static RecordMatcher of(List<RecordMatcher> matchers) {
        if (matchers.isEmpty()) {
            return RecordMatcher.ANY;
        }
        if (matchers.size() == 1) {
            return matchers.get(0);
        }
        return new AllOf(matchers.toArray(new RecordMatcher[0]));
    }

    @Override
    public boolean matches(Record r) {
        for (RecordMatcher m : all) {
            if (!m.matches(r)) {
                return false;
            }
        }
        return true;
    }
}
