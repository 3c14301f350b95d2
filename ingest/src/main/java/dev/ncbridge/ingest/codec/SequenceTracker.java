package dev.ncbridge.ingest.codec;

/**
 * The sequence state of one extended source: which recent messages arrived (to drop copies and
 * tell late arrivals from a restarted kernel), and the gaps in seq and msgid (to report loss).
 *
 * <p>A seq gap is not always loss: the kernel skips messages above the console loglevel and
 * rate-limited ones. The msgid that sysdata carries counts only messages the target sent, so
 * when records carry it, msgid gaps are reported as loss and seq gaps are only counted as
 * skipped. Without msgid, seq gaps are the best evidence there is and are reported as loss.
 */
final class SequenceTracker {
    /** Kernel time going back by more than this, while seq goes forward, is a restart. */
    static final long CLOCK_BACK_TOLERANCE_US = 1_000_000;

    private final int mask;
    private final long[] slotSeq;
    private final long[] slotTs;
    private final long[] slotArrival;
    private final long duplicateWindowNanos;
    final GapTracker seqGaps;
    final GapTracker msgidGaps;
    private long firstSeq = -1;
    private long highestTs;
    private boolean lossByMsgid;

    SequenceTracker(DecoderLimits limits) {
        int window = limits.sequenceWindow();
        mask = window - 1;
        slotSeq = new long[window];
        slotTs = new long[window];
        slotArrival = new long[window];
        java.util.Arrays.fill(slotSeq, -1);
        duplicateWindowNanos = limits.reorderWindow().toNanos();
        seqGaps = new GapTracker(duplicateWindowNanos, limits.maxPendingGaps());
        msgidGaps = new GapTracker(duplicateWindowNanos, limits.maxPendingGaps());
    }

    long highestSeq() {
        return seqGaps.highest();
    }

    long highestTs() {
        return highestTs;
    }

    /** Whether msgid, rather than seq, is this source's evidence of loss. */
    boolean lossByMsgid() {
        return lossByMsgid;
    }

    boolean hasPendingGaps() {
        return seqGaps.hasPendingGaps() || msgidGaps.hasPendingGaps();
    }

    /** A copy of a message that arrived within the reorder window. Cheap: used per fragment. */
    boolean isRecentDuplicate(long seq, long tsUs, long nowNanos) {
        int slot = (int) (seq & mask);
        return slotSeq[slot] == seq && slotTs[slot] == tsUs && nowNanos - slotArrival[slot] <= duplicateWindowNanos;
    }

    /**
     * @param reassembled whether the message was reassembled from fragments: its seq was then in
     *     flight while later ones completed, so arriving below the window's start is lateness, not
     *     a restart
     */
    SequenceVerdict classify(long seq, long tsUs, long nowNanos, boolean reassembled) {
        long highest = seqGaps.highest();
        if (highest < 0) {
            return SequenceVerdict.IN_ORDER;
        }
        if (seq > highest) {
            // Subtract from highestTs (never negative) rather than add to tsUs, which can be as
            // large as Long.MAX_VALUE and would overflow into a false restart.
            return tsUs < highestTs - CLOCK_BACK_TOLERANCE_US ? SequenceVerdict.RESET : SequenceVerdict.IN_ORDER;
        }
        if (highest - seq > mask) {
            return SequenceVerdict.RESET;
        }
        int slot = (int) (seq & mask);
        if (slotSeq[slot] == seq) {
            return isRecentDuplicate(seq, tsUs, nowNanos) ? SequenceVerdict.DUPLICATE : SequenceVerdict.RESET;
        }
        if (reassembled || seqGaps.isPending(seq) || seq > firstSeq) {
            return SequenceVerdict.OUT_OF_ORDER;
        }
        return SequenceVerdict.RESET;
    }

    /**
     * Records a message that was not a duplicate. Gaps that this opens are reported later through
     * {@link #expire}; gaps pushed out by the per-source bound go to the listeners at once.
     */
    void record(long seq, long tsUs, long msgid, long nowNanos,
                GapTracker.GapListener seqListener, GapTracker.GapListener msgidListener) {
        int slot = (int) (seq & mask);
        slotSeq[slot] = seq;
        slotTs[slot] = tsUs;
        slotArrival[slot] = nowNanos;
        if (firstSeq < 0) {
            firstSeq = seq;
        }
        if (seq > seqGaps.highest()) {
            highestTs = tsUs;
        }
        seqGaps.observe(seq, nowNanos, seqListener);
        if (msgid >= 0) {
            lossByMsgid = true;
            msgidGaps.observe(msgid, nowNanos, msgidListener);
        }
    }

    void expire(long nowNanos, GapTracker.GapListener seqListener, GapTracker.GapListener msgidListener) {
        seqGaps.expire(nowNanos, seqListener);
        msgidGaps.expire(nowNanos, msgidListener);
    }

    void flush(GapTracker.GapListener seqListener, GapTracker.GapListener msgidListener) {
        seqGaps.flush(seqListener);
        msgidGaps.flush(msgidListener);
    }

    /** Starts over after a kernel restart; flush the gaps first. */
    void restart() {
        java.util.Arrays.fill(slotSeq, -1);
        seqGaps.restart();
        msgidGaps.restart();
        firstSeq = -1;
        highestTs = 0;
        lossByMsgid = false;
    }
}
