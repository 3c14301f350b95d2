package dev.ncbridge.sink.encode;

import dev.ncbridge.ingest.record.KernelMessage;
import dev.ncbridge.ingest.record.Record;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The message exactly as it came off the wire ({@link KernelMessage#raw()}): the datagram, or the
 * header and reassembled payload of a fragmented message, or the legacy line. The bytes are not
 * checked, decoded or escaped, and keep any newlines the kernel put in them. Stateless and
 * thread-safe.
 *
 * <p>Any other record has no wire bytes of its own (the bridge derived it: an event, or a crash
 * record gathered from messages that went out raw already), so it is written in the {@code text}
 * encoding instead: a sink configured for raw output still shows losses, resets and crashes,
 * rather than an empty entry.
 */
public final class RawRecordEncoder implements RecordEncoder {
    static final String NAME = "raw";

    private static final TextRecordEncoder EVENT_ENCODER = new TextRecordEncoder();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void encode(Record r, OutputStream out) throws IOException {
        if (r instanceof KernelMessage m) {
            out.write(m.raw());
        } else {
            EVENT_ENCODER.encode(r, out);
        }
    }
}
