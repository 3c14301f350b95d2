package dev.ncbridge.ingest.codec;

/**
 * The sequence state of one extended source: the last few messages (to drop copies and tell late
 * arrivals from a restarted kernel), and the gaps in seq and msgid (to report loss).
 *
 * <p>A seq gap is not always loss: the kernel skips messages above the console loglevel and
 * rate-limited ones. The msgid that sysdata carries counts only messages the target sent, so
 * when records carry it, msgid gaps are reported as loss and seq gaps are only counted as
 * skipped. Without msgid, seq gaps are the best evidence there is and are reported as loss.
 *
 * <p>Small on purpose, as every extended source has one: {@value #RECENT} recent messages are
 * remembered exactly, everything older only as the gaps still open (kept as ranges, allocated
 * when a gap appears). A message below the highest seq that is neither recent nor in an open gap
 * is taken as late when it is within {@code lateWindow} of the highest and above the first seq
 * seen, and as a restart otherwise.
 */
final class SequenceTracker {
    /** Kernel time going back by more than this, while seq goes forward, is a restart. */
    static final long CLOCK_BACK_TOLERANCE_US = 1_000_000;
    /** Messages remembered exactly (a power of two): enough for copies, which come right after. */
    static final int RECENT = 8;

    /** Per slot {@code seq & (RECENT - 1)}: seq, kernel time, arrival time. */
    private final long[] recent = new long[RECENT * 3];
    private final long duplicateWindowNanos;
    private final int lateWindow;
    private final long maxJump;
    final GapTracker seqGaps;
    final GapTracker msgidGaps;
    private long firstSeq = -1;
    private long highestTs;
    private boolean lossByMsgid;

    SequenceTracker(DecoderLimits limits) {
        java.util.Arrays.fill(recent, -1);
        duplicateWindowNanos = limits.reorderWindow().toNanos();
        lateWindow = limits.lateWindow();
        maxJump = limits.maxSeqJump();
        seqGaps = new GapTracker(duplicateWindowNanos, limits.maxPendingGaps(), maxJump);
        msgidGaps = new GapTracker(duplicateWindowNanos, limits.maxPendingGaps(), maxJump);
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
        int i = slot(seq);
        return recent[i] == seq && recent[i + 1] == tsUs && nowNanos - recent[i + 2] <= duplicateWindowNanos;
    }

    private static int slot(long seq) {
        return (int) (seq & (RECENT - 1)) * 3;
    }

    /**
     * @param reassembled whether the message was reassembled from fragments: its seq was then in
     *     flight while later ones completed, so arriving below the highest is lateness, not a restart
     */
    SequenceVerdict classify(long seq, long tsUs, long nowNanos, boolean reassembled) {
        long highest = seqGaps.highest();
        if (highest < 0) {
            return SequenceVerdict.IN_ORDER;
        }
        if (seq > highest) {
            if (seq - highest > maxJump) {
                return SequenceVerdict.JUMP;
            }
            // Subtract from highestTs (never negative) rather than add to tsUs, which can be as
            // large as Long.MAX_VALUE and would overflow into a false restart.
            return tsUs < highestTs - CLOCK_BACK_TOLERANCE_US ? SequenceVerdict.RESET : SequenceVerdict.IN_ORDER;
        }
        if (recent[slot(seq)] == seq) {
            return isRecentDuplicate(seq, tsUs, nowNanos) ? SequenceVerdict.DUPLICATE : SequenceVerdict.RESET;
        }
        if (seqGaps.isPending(seq)) {
            return SequenceVerdict.OUT_OF_ORDER;
        }
        if (highest - seq > lateWindow) {
            return SequenceVerdict.RESET;
        }
        return reassembled || seq > firstSeq ? SequenceVerdict.OUT_OF_ORDER : SequenceVerdict.RESET;
    }

    /**
     * Records a message that was not a duplicate. Gaps that this opens are reported later through
     * {@link #expire}; gaps pushed out by the per-source bound go to the listeners at once.
     *
     * @return true when msgid jumped ahead by more than {@code maxSeqJump} (no loss was counted)
     */
    boolean record(long seq, long tsUs, long msgid, long nowNanos,
                GapTracker.GapListener seqListener, GapTracker.GapListener msgidListener) {
        int i = slot(seq);
        recent[i] = seq;
        recent[i + 1] = tsUs;
        recent[i + 2] = nowNanos;
        if (firstSeq < 0) {
            firstSeq = seq;
        }
        if (seq > seqGaps.highest()) {
            highestTs = tsUs;
        }
        seqGaps.observe(seq, nowNanos, seqListener);
        if (msgid < 0) {
            return false;
        }
        lossByMsgid = true;
        return msgidGaps.observe(msgid, nowNanos, msgidListener);
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
        java.util.Arrays.fill(recent, -1);
        seqGaps.restart();
        msgidGaps.restart();
        firstSeq = -1;
        highestTs = 0;
        lossByMsgid = false;
    }
}
