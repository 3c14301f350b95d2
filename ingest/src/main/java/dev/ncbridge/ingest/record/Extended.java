package dev.ncbridge.ingest.record;

import java.util.List;
import java.util.Objects;

/**
 * What an extended message carries beyond a legacy line: its header, what the decoder made of its
 * sequence, and its dictionary.
 *
 * @param level syslog severity 0..7, from the header's prefix
 * @param facility syslog facility 0..255, from the header's prefix
 * @param seq the kernel's printk sequence number
 * @param cont the continuation flag, as received or as the decoder merged it
 * @param release the kernel release from the header prefix or sysdata; {@code null} when neither has it
 * @param seqReset whether this is the first message after the source's kernel restarted
 * @param outOfOrder whether this arrived after a message with a higher sequence number
 * @param truncated whether a bound cut the message (a continuation run that grew past
 *     {@code max_message} or stayed open too long): the rest arrived, or will, as messages of its own
 * @param device the kernel dictionary's device info; {@code null} when it has none
 * @param sysdata what the target appends about the sender; {@code null} when it appends none
 * @param userdata the target's userdata in arrival order; a key may repeat. Never null.
 */
public record Extended(int level, int facility, long seq, ContinuationFlag cont, String release, boolean seqReset,
                       boolean outOfOrder, boolean truncated, Device device, Sysdata sysdata,
                       List<KeyValue> userdata) {
    public Extended {
        if (level < 0 || level > 7) {
            throw new IllegalArgumentException("level out of range 0..7: " + level);
        }
        if (facility < 0 || facility > 255) {
            throw new IllegalArgumentException("facility out of range 0..255: " + facility);
        }
        if (seq < 0) {
            throw new IllegalArgumentException("seq must not be negative: " + seq);
        }
        Objects.requireNonNull(cont, "cont");
        userdata = List.copyOf(userdata);
    }

    /** The extended part of {@code r}, or null when {@code r} is not a message in the extended format. */
    public static Extended of(Record r) {
        return r instanceof KernelMessage m ? m.extended() : null;
    }

    /** This header as the continuation joiner leaves it: with the run's flag, cut by a bound or not. */
    public Extended withContinuation(ContinuationFlag flag, boolean cut) {
        return new Extended(level, facility, seq, flag, release, seqReset, outOfOrder, cut, device, sysdata, userdata);
    }
}
