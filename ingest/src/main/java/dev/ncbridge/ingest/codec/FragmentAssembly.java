package dev.ncbridge.ingest.codec;

import dev.ncbridge.ingest.record.ContinuationFlag;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One fragmented extended message being put back together. Fragments may come in any order and
 * more than once; an exact repeat is ignored, a fragment that overlaps others differently is
 * refused. Memory is the message's declared total, which the header parser has bounded.
 */
final class FragmentAssembly {
    enum Offer { ADDED, DUPLICATE, OVERLAP }

    static final int OVERHEAD_BYTES = 192;

    final long seq;
    final long tsUs;
    final int prefix;
    final int total;
    final ContinuationFlag flag;
    /** The release prefix, or null. */
    final String release;
    final long firstArrivalNanos;
    /** The first fragment's header without its {@code ,ncfrag=} field, for the record's raw form. */
    final byte[] header;
    private final byte[] payload;
    /** Received ranges as sorted, disjoint {@code [start, end)} pairs. */
    private int[] ranges = new int[8];
    private int rangeCount;
    private int received;
    private int fragments;
    long lastArrivalNanos;

    FragmentAssembly(ExtendedHeader h, byte[] datagram, int datagramOffset, long nowNanos) {
        this.seq = h.seq;
        this.tsUs = h.tsUs;
        this.prefix = h.prefix;
        this.total = h.fragTotal;
        this.flag = h.flag;
        this.release = h.releaseLength == 0 ? null
                : new String(datagram, h.releaseOffset, h.releaseLength, StandardCharsets.US_ASCII);
        this.firstArrivalNanos = nowNanos;
        this.lastArrivalNanos = nowNanos;
        this.payload = new byte[total];
        int before = h.fragTokenStart - datagramOffset;
        int after = h.headerEnd - h.fragTokenEnd;
        this.header = new byte[before + after];
        System.arraycopy(datagram, datagramOffset, header, 0, before);
        System.arraycopy(datagram, h.fragTokenEnd, header, before, after);
    }

    /** Whether a fragment with this header belongs to this message (same seq, time, prefix, total). */
    boolean matches(ExtendedHeader h) {
        return h.seq == seq && h.tsUs == tsUs && h.prefix == prefix && h.fragTotal == total;
    }

    Offer offer(int offset, byte[] src, int srcOffset, int length, long nowNanos) {
        int end = offset + length;
        int i = 0;
        while (i < rangeCount && ranges[2 * i + 1] <= offset) {
            i++;
        }
        if (i < rangeCount && ranges[2 * i] < end) {
            boolean same = ranges[2 * i] <= offset && end <= ranges[2 * i + 1]
                    && Arrays.equals(payload, offset, end, src, srcOffset, srcOffset + length);
            return same ? Offer.DUPLICATE : Offer.OVERLAP;
        }
        System.arraycopy(src, srcOffset, payload, offset, length);
        insertRange(i, offset, end);
        received += length;
        fragments++;
        lastArrivalNanos = nowNanos;
        return Offer.ADDED;
    }

    private void insertRange(int index, int start, int end) {
        if (2 * rangeCount + 2 > ranges.length) {
            ranges = Arrays.copyOf(ranges, ranges.length * 2);
        }
        System.arraycopy(ranges, 2 * index, ranges, 2 * index + 2, 2 * (rangeCount - index));
        ranges[2 * index] = start;
        ranges[2 * index + 1] = end;
        rangeCount++;
    }

    boolean isComplete() {
        return received == total;
    }

    int fragments() {
        return fragments;
    }

    /**
     * Bytes of heap this assembly holds, for the shared assembly memory: the payload and header
     * arrays, plus a fixed allowance for this object, its range list and array headers.
     */
    int footprint() {
        return total + header.length + OVERHEAD_BYTES;
    }

    /**
     * The {@link #footprint()} of the assembly a fragment with this header would start, known
     * before anything is allocated: a forged total is refused without its array ever existing.
     */
    static int footprint(ExtendedHeader h, int datagramOffset) {
        return h.fragTotal + (h.fragTokenStart - datagramOffset) + (h.headerEnd - h.fragTokenEnd) + OVERHEAD_BYTES;
    }

    /** The whole payload; valid when {@link #isComplete()}. */
    byte[] payload() {
        return payload;
    }

    /**
     * What arrived, in offset order with the missing ranges left out. An escape cut by a missing
     * range stays as it arrived (the unescaper keeps invalid escapes).
     */
    byte[] receivedBytes() {
        byte[] out = new byte[received];
        int w = 0;
        for (int i = 0; i < rangeCount; i++) {
            int s = ranges[2 * i];
            int e = ranges[2 * i + 1];
            System.arraycopy(payload, s, out, w, e - s);
            w += e - s;
        }
        return out;
    }
}
