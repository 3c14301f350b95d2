package dev.ncbridge.ingest.crash;

import java.util.Objects;

/**
 * A source's kernel restarted, and nothing it sent before explains why: no panic, no orderly
 * {@code reboot:}. The kernel may have died without a word reaching the network (7.x sends
 * nothing after an oops when it reboots), the link may have gone, or the power.
 *
 * @param lastMessage the last message of the previous boot (at most
 *     {@link CrashCollector#MAX_LAST_MESSAGE_CHARS} characters)
 * @param lastSeq its seq; null on legacy targets
 * @param lastKernelTimeUs its kernel time; null when it had none
 * @param lastReceivedAtNanos when it arrived
 * @param restartReceivedAtNanos when the first message of the new boot arrived
 * @param lastReportKind the kind of the previous boot's last report (a non-fatal oops, say), or null
 * @param lastReportComplete whether that report reached its end; false when there was none
 */
public record UnexplainedRestart(String lastMessage, Long lastSeq, Long lastKernelTimeUs, long lastReceivedAtNanos,
                                 long restartReceivedAtNanos, CrashKind lastReportKind, boolean lastReportComplete) {
    public UnexplainedRestart {
        Objects.requireNonNull(lastMessage, "lastMessage");
    }

    /** How long the source was silent between its last message and its restart, in nanoseconds. */
    public long silenceNanos() {
        return restartReceivedAtNanos - lastReceivedAtNanos;
    }
}
