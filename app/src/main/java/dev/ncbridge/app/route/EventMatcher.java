package dev.ncbridge.app.route;

import dev.ncbridge.config.ConfigProblem;
import dev.ncbridge.config.ConfigSection;
import dev.ncbridge.ingest.record.EventType;
import dev.ncbridge.ingest.record.Fields;
import dev.ncbridge.ingest.record.Record;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code event}: event type names ({@code loss}, {@code source_reset}, {@code source_silent},
 * {@code source_back}); only events match, so this implies {@code kind: event}.
 */
final class EventMatcher implements RecordMatcher {
    private static final String TYPES = Arrays.stream(EventType.values()).map(Fields.EVENT::textOf)
            .collect(Collectors.joining(", "));

    private final boolean[] accepted;

    private EventMatcher(boolean[] accepted) {
        this.accepted = accepted;
    }

    static EventMatcher of(ConfigSection value, List<ConfigProblem> problems) {
        boolean[] accepted = new boolean[EventType.values().length];
        for (Scalars.Scalar entry : Scalars.of(value, problems)) {
            EventType type = find(entry.text().trim());
            if (type == null) {
                problems.add(entry.problem("\"" + entry.text() + "\" is not an event type; event types: " + TYPES));
            } else {
                accepted[type.ordinal()] = true;
            }
        }
        return new EventMatcher(accepted);
    }

    private static EventType find(String name) {
        for (EventType type : EventType.values()) {
            if (Fields.EVENT.textOf(type).equals(name)) {
                return type;
            }
        }
        return null;
    }

    @Override
    public boolean matches(Record r) {
        EventType type = Fields.EVENT.value(r);
        return type != null && accepted[type.ordinal()];
    }
}
