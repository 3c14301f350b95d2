package dev.ncbridge.app.sources;

import java.time.Instant;

/**
 * What the bridge knows about one source (one netconsole target: an address and port), as the
 * sources API shows it. A copy: it does not change as records arrive.
 *
 * @param address the source's IP address
 * @param name the host name records of this source carry
 * @param format {@code extended} or {@code legacy}; null until a message arrived
 * @param release the kernel release the latest extended message carried, when the target sends it
 * @param messages message records decoded
 * @param events event records derived from the stream (loss, resets...)
 * @param lastSeq the sequence number of the latest in-order message; null for legacy sources
 * @param lastKernelTsUs the kernel time of the latest in-order message; null when unknown
 * @param gaps loss events: sequence gaps that stayed open past the reorder window
 * @param lostMessages messages known lost: the sum over the source's loss events
 * @param duplicates copies of messages received and dropped
 * @param resets kernel restarts detected
 */
public record SourceView(
        String address,
        int port,
        String name,
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
        long resets) {
}
