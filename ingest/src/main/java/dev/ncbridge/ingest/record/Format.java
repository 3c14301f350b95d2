package dev.ncbridge.ingest.record;

/** Which netconsole target format a message arrived in. */
public enum Format {
    /** Plain console text, split at 1000 bytes with no marker. */
    LEGACY("legacy"),
    /** The {@code /dev/kmsg}-style header with sequence number, timestamp and dictionary. */
    EXTENDED("extended");

    private final String wireName;

    Format(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
