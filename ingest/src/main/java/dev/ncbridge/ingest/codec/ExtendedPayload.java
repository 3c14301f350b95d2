package dev.ncbridge.ingest.codec;

import dev.ncbridge.ingest.record.KeyValue;
import dev.ncbridge.ingest.record.Record;
import java.util.List;

/** The body and dictionary of one extended message, as {@link PayloadParser} read them. */
final class ExtendedPayload {
    String message;
    String subsystem;
    String device;
    /** Userdata in arrival order, or {@code null} when the target has none. */
    List<KeyValue> userdata;
    int cpu = Record.ABSENT;
    String taskname;
    String release;
    long msgid = Record.ABSENT;
}
