package dev.ncbridge.sink;

/** Why the runner dropped records before the destination saw them: the {@code reason} tag of the dropped counter. */
enum DropReason {
    /** The queue was full under {@code overflow: drop_newest}. */
    QUEUE_FULL("queue_full"),
    /** Pushed out under {@code overflow: drop_oldest}, or deleted with the oldest spool segment. */
    EVICTED("evicted"),
    /** The spool was at {@code max_size} and nothing older could make room. */
    SPOOL_FULL("spool_full"),
    /** Routed after the sink stopped accepting, or left over when the drain time ran out. */
    SHUTDOWN("shutdown");

    private final String label;

    DropReason(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }
}
