package dev.ncbridge.app.sources;

import java.time.Instant;

/**
 * What the bridge knows about one source (one netconsole target: an address and port), as the
 * sources API shows it. A copy: it does not change as records arrive.
 *
 * @param address the source's IP address
 * @param port the source port; null for an inventory host never heard from
 * @param name the host name records of this source carry
 * @param state active, silent or never_seen
 * @param expected whether the inventory lists the address
 * @param format {@code extended} or {@code legacy}; null until a message arrived
 * @param release the kernel release the latest extended message carried, when the target sends it
 * @param firstSeen null for a host never heard from
 * @param lastSeen null for a host never heard from
 * @param messages message records decoded (pings sent from user space are counted as pings only)
 * @param events event records derived from the stream (loss, resets...)
 * @param lastSeq the sequence number of the latest in-order message; null for legacy sources
 * @param lastKernelTsUs the kernel time of the latest in-order message; null when unknown
 * @param gaps loss events: sequence gaps that stayed open past the reorder window
 * @param lostMessages messages known lost: the sum over the source's loss events
 * @param duplicates copies of messages received and dropped
 * @param resets kernel restarts detected
 * @param pings ping messages received
 * @param lastPingAt when the latest ping arrived
 * @param lastPingNonce the latest ping's nonce
 * @param crashes crash records gathered from the source's messages
 * @param lastCrash the latest of them; null when there was none
 */
public record SourceView(
        String address,
        Integer port,
        String name,
        SourceState state,
        boolean expected,
        String format,
        String release,
        Instant firstSeen,
        Instant lastSeen,
        long messages,
        long events,
        Long lastSeq,
        Long lastKernelTsUs,
        long gaps,
        long lostMessages,
        long duplicates,
        long resets,
        long pings,
        Instant lastPingAt,
        String lastPingNonce,
        long crashes,
        LastCrash lastCrash) {

    /** A source's latest crash record, in short: when its first line arrived, its kind and its title. */
    public record LastCrash(Instant time, String kind, String title) {
    }

    /** An inventory host that never sent anything. */
    static SourceView neverSeen(String address, String name) {
        return new SourceView(address, null, name, SourceState.NEVER_SEEN, true, null, null, null, null, 0, 0, null,
                null, 0, 0, 0, 0, 0, null, null, 0, null);
    }
}
