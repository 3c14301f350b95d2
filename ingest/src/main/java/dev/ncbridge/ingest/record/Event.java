package dev.ncbridge.ingest.record;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code event} part of a {@link SourceEvent}: its type and the details
 * that type defines, in a stable order. Detail values are strings, numbers or booleans.
 */
public final class Event {
    private final EventType type;
    private final Map<String, Object> details;

    private Event(EventType type, Map<String, Object> details) {
        this.type = type;
        this.details = Collections.unmodifiableMap(details);
    }

    public EventType type() {
        return type;
    }

    public Map<String, Object> details() {
        return details;
    }

    public static Builder builder(EventType type) {
        return new Builder(type);
    }

    @Override
    public String toString() {
        return type.wireName() + details;
    }

    /** Collects an event's details in the order they are added. */
    public static final class Builder {
        private final EventType type;
        private final Map<String, Object> details = new LinkedHashMap<>();

        private Builder(EventType type) {
            this.type = Objects.requireNonNull(type, "type");
        }

        public Builder put(String key, long value) {
            details.put(key, value);
            return this;
        }

        public Builder put(String key, String value) {
            details.put(key, Objects.requireNonNull(value, key));
            return this;
        }

        public Builder put(String key, boolean value) {
            details.put(key, value);
            return this;
        }

        public Event build() {
            return new Event(type, new LinkedHashMap<>(details));
        }
    }
}
