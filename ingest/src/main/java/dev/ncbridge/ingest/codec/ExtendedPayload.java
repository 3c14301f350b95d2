package dev.ncbridge.ingest.codec;

import dev.ncbridge.ingest.record.Device;
import dev.ncbridge.ingest.record.KeyValue;
import dev.ncbridge.ingest.record.Sysdata;
import java.util.List;

/**
 * The body and dictionary of one extended message, as {@link PayloadParser} read them. Reused for
 * every message of a decoder, so its numbers mark absence with {@link #ABSENT} and are boxed only
 * into the record's {@link Sysdata}, when there is one.
 */
final class ExtendedPayload {
    static final int ABSENT = -1;

    String message;
    String subsystem;
    String device;
    /** Userdata in arrival order, or {@code null} when the target has none. */
    List<KeyValue> userdata;
    int cpu = ABSENT;
    String taskname;
    String release;
    long msgid = ABSENT;

    Device devicePart() {
        return subsystem == null && device == null ? null : new Device(subsystem, device);
    }

    Sysdata sysdataPart() {
        if (cpu == ABSENT && taskname == null && msgid == ABSENT) {
            return null;
        }
        return new Sysdata(cpu == ABSENT ? null : cpu, taskname, msgid == ABSENT ? null : msgid);
    }

    List<KeyValue> userdataOrEmpty() {
        return userdata == null ? List.of() : userdata;
    }
}
