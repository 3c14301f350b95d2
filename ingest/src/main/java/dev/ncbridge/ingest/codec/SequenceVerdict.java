package dev.ncbridge.ingest.codec;

/** What a message's sequence number says about it, relative to what the source sent before. */
enum SequenceVerdict {
    /** The next message, or one after a gap. */
    IN_ORDER,
    /** A message below the highest sequence seen that had not been seen: it came late. */
    OUT_OF_ORDER,
    /** A copy of a message received moments ago. */
    DUPLICATE,
    /** The source's kernel restarted: the sequence or the kernel clock went back. */
    RESET,
    /**
     * The sequence leapt further ahead than any real gap can be ({@code max_seq_jump}): a forged
     * or corrupt number. Taken as a restart, so it is never counted as that many lost messages.
     */
    JUMP
}
