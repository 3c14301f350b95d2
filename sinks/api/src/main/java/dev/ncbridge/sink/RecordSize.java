package dev.ncbridge.sink;

import dev.ncbridge.ingest.crash.CrashReport;
import dev.ncbridge.ingest.record.CrashRecord;
import dev.ncbridge.ingest.record.KeyValue;
import dev.ncbridge.ingest.record.Device;
import dev.ncbridge.ingest.record.Extended;
import dev.ncbridge.ingest.record.KernelMessage;
import dev.ncbridge.ingest.record.Record;
import dev.ncbridge.ingest.record.SourceEvent;
import dev.ncbridge.ingest.record.Sysdata;
import java.util.Map;

/**
 * A record's heap size, estimated for the queue's byte bound: object headers and fields as a 64-bit
 * JVM with compressed references lays them out, plus the text and bytes the record holds. Strings
 * are counted one byte a character (the JVM's compact Latin-1 form, which kernel text almost always
 * is); text outside Latin-1 takes twice that and is under-counted by up to half.
 */
final class RecordSize {
    /** The record and its parts (at most 120 bytes) and its source address (InetSocketAddress, its holder, the InetAddress). */
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
        long size = FIXED + text(r.message()) + text(r.hostName());
        if (r instanceof KernelMessage m) {
            size += ARRAY + m.raw().length + extended(m.extended());
        } else if (r instanceof SourceEvent e) {
            size += ENTRY;
            for (Map.Entry<String, Object> d : e.event().details().entrySet()) {
                size += ENTRY + text(d.getKey()) + (d.getValue() instanceof String s ? text(s) : 16);
            }
        } else if (r instanceof CrashRecord c) {
            size += crash(c.report());
        }
        return size;
    }

    /** The report, its span and its boxed numbers (at most 200 bytes), its strings and its frames. */
    private static long crash(CrashReport c) {
        long size = 200 + text(c.panicReason()) + text(c.task()) + text(c.tainted()) + text(c.release())
                + text(c.hardware()) + text(c.traceId()) + text(c.text());
        if (c.rip() != null) {
            size += ENTRY + text(c.rip().function()) + text(c.rip().module());
        }
        for (CrashReport.Frame f : c.frames()) {
            size += ENTRY + text(f.function()) + text(f.module());
        }
        return size;
    }

    private static long extended(Extended x) {
        if (x == null) {
            return 0;
        }
        long size = text(x.release());
        Device device = x.device();
        if (device != null) {
            size += text(device.subsystem()) + text(device.device());
        }
        Sysdata sysdata = x.sysdata();
        if (sysdata != null) {
            size += text(sysdata.taskname());
        }
        for (KeyValue kv : x.userdata()) {
            size += ENTRY + text(kv.key()) + text(kv.value());
        }
        return size;
    }

    private static long text(String s) {
        return s == null ? 0 : STRING + s.length();
    }
}
