package dev.ncbridge.app.sources;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where a source stands, as the sources API and the {@code ncbridge.sources} gauge show it. */
public enum SourceState {
    /** Sent within its {@code silent_after}, or has none. */
    ACTIVE,
    /** Sent nothing for its {@code silent_after}. */
    SILENT,
    /** Listed in the inventory but never heard from. */
    NEVER_SEEN;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the states when {@code text} is none of them */
    public static SourceState parse(String text) {
        for (SourceState s : values()) {
            if (s.wireName().equals(text)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown state \"" + text + "\": expected active, silent or never_seen");
    }
}
