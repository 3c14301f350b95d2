package dev.ncbridge.ingest.codec;

import dev.ncbridge.ingest.record.ContinuationFlag;

/**
 * The parsed header of one extended datagram. Mutable and reused by the parser so that parsing
 * allocates nothing; offsets point into the datagram buffer that was parsed.
 */
final class ExtendedHeader {
    static final int NO_FRAGMENT = -1;

    /** Start and length of the release prefix, or length 0 when absent. */
    int releaseOffset;
    int releaseLength;
    int prefix;
    long seq;
    long tsUs;
    ContinuationFlag flag;
    /** Fragment offset and total, or {@link #NO_FRAGMENT}. */
    int fragOffset;
    int fragTotal;
    /** Start and end (exclusive) of the {@code ,ncfrag=...} token including its leading comma. */
    int fragTokenStart;
    int fragTokenEnd;
    /** Index of the {@code ;} that ends the header. */
    int headerEnd;
    MalformedReason malformedReason;

    void clear() {
        releaseOffset = 0;
        releaseLength = 0;
        prefix = 0;
        seq = 0;
        tsUs = 0;
        flag = null;
        fragOffset = NO_FRAGMENT;
        fragTotal = NO_FRAGMENT;
        fragTokenStart = 0;
        fragTokenEnd = 0;
        headerEnd = 0;
        malformedReason = null;
    }

    boolean isFragment() {
        return fragTotal != NO_FRAGMENT;
    }

    int level() {
        return prefix & 7;
    }

    int facility() {
        return prefix >>> 3;
    }
}
