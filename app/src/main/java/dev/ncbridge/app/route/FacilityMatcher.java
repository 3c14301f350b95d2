package dev.ncbridge.app.route;

import dev.ncbridge.config.ConfigProblem;
import dev.ncbridge.config.ConfigSection;
import dev.ncbridge.ingest.record.Facility;
import dev.ncbridge.ingest.record.Field;
import dev.ncbridge.ingest.record.Fields;
import dev.ncbridge.ingest.record.Record;
import java.util.List;

/**
 * {@code facility}: a name ({@code kern}, {@code daemon}, {@code local0}) or a number 0..255, or a
 * list of them. Records without a facility never match.
 */
final class FacilityMatcher implements RecordMatcher {
    /** Indexed by facility code; filled before construction so the final field publishes it. */
    private final boolean[] accepted;

    private FacilityMatcher(boolean[] accepted) {
        this.accepted = accepted;
    }

    static FacilityMatcher of(ConfigSection value, List<ConfigProblem> problems) {
        boolean[] accepted = new boolean[Facility.MAX_CODE + 1];
        for (Scalars.Scalar entry : Scalars.of(value, problems)) {
            try {
                accepted[Facility.parse(entry.text())] = true;
            } catch (IllegalArgumentException e) {
                problems.add(entry.problem(e.getMessage()));
            }
        }
        return new FacilityMatcher(accepted);
    }

    @Override
    public boolean matches(Record r) {
        long facility = Fields.FACILITY_CODE.value(r);
        return facility != Field.Number.ABSENT && facility < accepted.length && accepted[(int) facility];
    }
}
