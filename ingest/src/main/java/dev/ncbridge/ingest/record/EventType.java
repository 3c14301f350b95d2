package dev.ncbridge.ingest.record;

/** The kinds of event the bridge derives from a source's stream. */
public enum EventType {
    /** Messages are known to be missing from a source (a gap in msgid, or in seq without msgid). */
    LOSS("loss"),
    /** The source's kernel restarted: its sequence or kernel time went back. */
    SOURCE_RESET("source_reset"),
    /** Nothing arrived from a source for the configured time. */
    SOURCE_SILENT("source_silent"),
    /** A silent source sent again. */
    SOURCE_BACK("source_back"),
    /**
     * The source's kernel restarted, and nothing it sent before says why: no panic, no orderly
     * {@code reboot:} (docs/protocol.md, "Kernel crash reports").
     */
    UNEXPLAINED_REBOOT("unexplained_reboot");

    private final String wireName;

    EventType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
