package dev.ncbridge.app.blast;

/** What a blast sent so far: messages, the datagrams they took, their bytes, over how long. */
public record BlastTotals(long messages, long datagrams, long bytes, long nanos) {
    public double messagesPerSecond() {
        return nanos == 0 ? 0 : messages * 1e9 / nanos;
    }

    public double datagramsPerSecond() {
        return nanos == 0 ? 0 : datagrams * 1e9 / nanos;
    }
}
