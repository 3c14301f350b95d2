package dev.ncbridge.ingest.codec;

/**
 * Why a bound acted on a source's data: each reason is a metric label of
 * {@code ncbridge_decode_limited_total}, counted once per action. None of them loses a record
 * silently: the record is emitted early (marked incomplete, truncated or partial), or the datagram
 * is dropped and counted here.
 */
public enum LimitReason {
    /** A source was forgotten to make room for a new one ({@code max_sources}). */
    SOURCE_LIMIT("source_limit"),
    /** A source was forgotten because its address had too many ({@code max_sources_per_address}). */
    ADDRESS_LIMIT("address_limit"),
    /** A datagram was dropped: its source sent faster than {@code source_rate} allows. */
    RATE_LIMIT("rate_limit"),
    /** A fragmented message was flushed incomplete, or a fragment dropped, to stay within the assembly memory. */
    ASSEMBLY_MEMORY("assembly_memory"),
    /** A continuation run reached {@code max_message} and was emitted, truncated. */
    CONTINUATION_SIZE("continuation_size"),
    /** A continuation run stayed open past {@code continuation_max_age} and was emitted, truncated. */
    CONTINUATION_AGE("continuation_age"),
    /** A continuation run was emitted, truncated, to stay within the continuation memory. */
    CONTINUATION_MEMORY("continuation_memory"),
    /** A partial legacy line was emitted early to stay within the legacy line memory. */
    LEGACY_MEMORY("legacy_memory"),
    /** A seq or msgid leapt further than {@code max_seq_jump}: taken as a restart, not as loss. */
    SEQ_JUMP("seq_jump"),
    /**
     * A line was left out of a crash record: its report had reached its bound on lines or bytes,
     * or the crash memory was spent. The line itself was emitted as a message like any other.
     */
    CRASH_REPORT("crash_report");

    private final String label;

    LimitReason(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
