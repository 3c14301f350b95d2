package dev.ncbridge.ingest.codec;

/** Why a datagram was rejected. Each reason is a metric label; a rejected datagram is counted once. */
public enum MalformedReason {
    /** A datagram with no bytes. */
    EMPTY("empty"),
    /** An extended header whose level, sequence or timestamp is out of range. */
    HEADER_NUMBER_OUT_OF_RANGE("header_number_out_of_range"),
    /** An {@code ncfrag} field that is not {@code <offset>/<total>}. */
    BAD_FRAGMENT_FIELD("bad_fragment_field"),
    /** A fragment whose bytes fall outside {@code [0, total)}, or that carries no bytes. */
    FRAGMENT_OUT_OF_BOUNDS("fragment_out_of_bounds"),
    /** A fragmented message whose total exceeds the configured maximum message size. */
    FRAGMENT_TOO_LARGE("fragment_too_large"),
    /** A fragment that overlaps, without matching, one already received. */
    FRAGMENT_OVERLAP("fragment_overlap");

    private final String label;

    MalformedReason(String label) {
        this.label = label;
    }

    /** The metric label ({@code reason="fragment_overlap"}). */
    public String label() {
        return label;
    }
}
