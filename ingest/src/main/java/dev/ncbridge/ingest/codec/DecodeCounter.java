package dev.ncbridge.ingest.codec;

/** What a decoder counts besides malformed datagrams. Each is one metric. */
public enum DecodeCounter {
    DATAGRAMS("datagrams", "datagrams offered to the decoder"),
    BYTES("bytes", "bytes offered to the decoder"),
    MESSAGES("messages", "message records emitted"),
    EVENTS("events", "event records emitted"),
    FRAGMENTS("fragments", "datagrams that carried an ncfrag fragment"),
    FRAGMENT_DUPLICATES("fragment_duplicates", "fragments received twice and ignored"),
    FRAGMENTED_MESSAGES("fragmented_messages", "fragmented messages reassembled completely"),
    INCOMPLETE_MESSAGES("incomplete_messages", "fragmented messages emitted without all their fragments"),
    ASSEMBLIES_EVICTED("assemblies_evicted", "fragmented messages flushed early to stay within memory bounds"),
    FRAGMENT_HEADER_CHANGES("fragment_header_changes",
            "in-flight fragmented messages replaced by a different message with the same seq"),
    DUPLICATE_MESSAGES("duplicate_messages", "messages received twice; the copy was dropped"),
    OUT_OF_ORDER("out_of_order", "messages that arrived after a higher sequence number"),
    LOST_MESSAGES("lost_messages", "messages known lost (msgid gaps, or seq gaps when msgid is absent)"),
    SEQ_SKIPPED("seq_skipped",
            "sequence numbers never seen while msgid showed no loss (console loglevel or rate limiting)"),
    SOURCE_RESETS("source_resets", "kernel restarts detected (sequence or kernel time went back)"),
    CONTINUATIONS_MERGED("continuations_merged", "continuation pieces merged into a preceding record"),
    LEGACY_LINES("legacy_lines", "legacy console lines emitted"),
    LEGACY_PARTIAL_FLUSHES("legacy_partial_flushes", "legacy lines emitted by timeout or size without newline"),
    SOURCES_EVICTED("sources_evicted", "sources forgotten because idle or over the source limit");

    private final String metricName;
    private final String description;

    DecodeCounter(String metricName, String description) {
        this.metricName = metricName;
        this.description = description;
    }

    public String metricName() {
        return metricName;
    }

    public String description() {
        return description;
    }
}
