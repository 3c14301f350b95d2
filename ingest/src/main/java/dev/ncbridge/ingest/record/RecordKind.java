package dev.ncbridge.ingest.record;

/** What a record carries: a kernel message, or an event the bridge derived from the stream. */
public enum RecordKind {
    MESSAGE("message"),
    EVENT("event");

    private final String wireName;

    RecordKind(String wireName) {
        this.wireName = wireName;
    }

    /** The name used in encoded records ({@code "kind": "message"}). */
    public String wireName() {
        return wireName;
    }
}
