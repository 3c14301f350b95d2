package dev.ncbridge.app.route;

import dev.ncbridge.config.ConfigProblem;
import dev.ncbridge.config.ConfigSection;
import dev.ncbridge.ingest.record.EventType;
import dev.ncbridge.ingest.record.Fields;
import dev.ncbridge.ingest.record.Record;
import java.util.List;

/**
 * {@code event}: event type names ({@code loss}, {@code source_reset}, {@code source_silent},
 * {@code source_back}, {@code unexplained_reboot}); only events match, so this implies {@code kind: event}.
 */
final class EventMatcher implements RecordMatcher {
    private final boolean[] accepted;

    private EventMatcher(boolean[] accepted) {
        this.accepted = accepted;
    }

    static EventMatcher of(ConfigSection value, List<ConfigProblem> problems) {
        return new EventMatcher(WireNameSet.of(EventType.values(), Fields.EVENT::textOf, "event type", value,
                problems));
    }

    @Override
    public boolean matches(Record r) {
        EventType type = Fields.EVENT.value(r);
        return type != null && accepted[type.ordinal()];
    }
}
