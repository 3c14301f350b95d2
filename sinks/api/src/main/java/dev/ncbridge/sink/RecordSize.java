package dev.ncbridge.sink;

import dev.ncbridge.ingest.record.KeyValue;
import dev.ncbridge.ingest.record.Record;
import java.util.Map;

/**
 * A record's heap size, estimated for the queue's byte bound: object headers and fields as a 64-bit
 * JVM with compressed references lays them out, plus the text and bytes the record holds. Strings
 * are counted one byte a character (the JVM's compact Latin-1 form, which kernel text almost always
 * is); text outside Latin-1 takes twice that and is under-counted by up to half.
 */
final class RecordSize {
    /** The Record object (24 fields) and its source address (InetSocketAddress, its holder, the InetAddress). */
    private static final long FIXED = 120 + 80;
    /** A String and its byte array, without the characters. */
    private static final long STRING = 40;
    /** A byte array's header. */
    private static final long ARRAY = 16;
    /** A KeyValue, or one entry of an event's details map. */
    private static final long ENTRY = 32;

    private RecordSize() {
    }

    static long estimate(Record r) {
        long size = FIXED + text(r.message()) + text(r.hostName()) + text(r.release()) + text(r.taskname())
                + text(r.subsystem()) + text(r.device()) + ARRAY + r.raw().length;
        for (KeyValue kv : r.userdata()) {
            size += ENTRY + text(kv.key()) + text(kv.value());
        }
        if (r.event() != null) {
            size += ENTRY;
            for (Map.Entry<String, Object> d : r.event().details().entrySet()) {
                size += ENTRY + text(d.getKey()) + (d.getValue() instanceof String s ? text(s) : 16);
            }
        }
        return size;
    }

    private static long text(String s) {
        return s == null ? 0 : STRING + s.length();
    }
}
