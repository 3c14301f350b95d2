package dev.ncbridge.sink.syslog;

import dev.ncbridge.ingest.crash.CrashReport;
import dev.ncbridge.ingest.record.ContinuationFlag;
import dev.ncbridge.ingest.record.CrashRecord;
import dev.ncbridge.ingest.record.Device;
import dev.ncbridge.ingest.record.Extended;
import dev.ncbridge.ingest.record.KernelMessage;
import dev.ncbridge.ingest.record.KeyValue;
import dev.ncbridge.ingest.record.Record;
import dev.ncbridge.ingest.record.SourceEvent;
import dev.ncbridge.ingest.record.Sysdata;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes a record's netconsole fields as one RFC 5424 SD-ELEMENT, as
 * {@code [netconsole@32473 seq="607" kernel_ts_us="22085407756" cpu="42" ud.foo="bar"]}, or
 * {@code -} when the record has none.
 *
 * <p>Parameter names are the JSON encoding's: {@code seq}, {@code kernel_ts_us}, {@code cont}
 * (unless {@code none}), {@code release}, {@code msgid}, {@code cpu}, {@code taskname},
 * {@code fragments} (when more than one), {@code seq_reset}, {@code out_of_order},
 * {@code incomplete} and {@code truncated} (when true), {@code subsystem}, {@code device}; userdata keys get the prefix
 * {@code ud.} so that a user's {@code cpu} cannot pass for the kernel's, and an event's details
 * keep their own names. A crash record has {@code crash_kind}, {@code first_seq}, {@code last_seq},
 * {@code task}, {@code pid}, {@code rip} (the faulting function), {@code rip_module},
 * {@code panic_reason}, {@code close_reason} and {@code complete} (the full report is in the json and text encodings). Names from records are
 * sanitized ({@link SyslogNames#paramName}). Values are UTF-8 with {@code "}, {@code \} and
 * {@code ]} escaped by a backslash (RFC 5424 §6.3.3).
 *
 * <p>Not thread-safe: it caches sanitized names, and is used on the sink's thread only.
 */
final class StructuredDataWriter {
    static final String USERDATA_PREFIX = "ud.";
    /** Userdata keys are few per target; the bound only guards against a source inventing keys. */
    private static final int MAX_CACHED_NAMES = 4096;

    private static final byte[] SEQ = name("seq");
    private static final byte[] KERNEL_TS = name("kernel_ts_us");
    private static final byte[] CONT = name("cont");
    private static final byte[] RELEASE = name("release");
    private static final byte[] MSGID = name("msgid");
    private static final byte[] CPU = name("cpu");
    private static final byte[] TASKNAME = name("taskname");
    private static final byte[] FRAGMENTS = name("fragments");
    private static final byte[] SEQ_RESET = name("seq_reset");
    private static final byte[] OUT_OF_ORDER = name("out_of_order");
    private static final byte[] INCOMPLETE = name("incomplete");
    private static final byte[] TRUNCATED = name("truncated");
    private static final byte[] SUBSYSTEM = name("subsystem");
    private static final byte[] DEVICE = name("device");
    private static final byte[] TRUE = "true".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CRASH_KIND = name("crash_kind");
    private static final byte[] FIRST_SEQ = name("first_seq");
    private static final byte[] LAST_SEQ = name("last_seq");
    private static final byte[] TASK = name("task");
    private static final byte[] PID = name("pid");
    private static final byte[] RIP = name("rip");
    private static final byte[] RIP_MODULE = name("rip_module");
    private static final byte[] PANIC_REASON = name("panic_reason");
    private static final byte[] CLOSE_REASON = name("close_reason");
    private static final byte[] COMPLETE = name("complete");

    private final byte[] open;
    private final Map<String, byte[]> userdataNames = new HashMap<>();
    private final Map<String, byte[]> eventNames = new HashMap<>();

    StructuredDataWriter(String sdId) {
        this.open = ("[" + sdId).getBytes(StandardCharsets.US_ASCII);
    }

    void write(Record r, ByteBuf out) {
        int start = out.writerIndex();
        out.writeBytes(open);
        int empty = out.writerIndex();
        if (r instanceof KernelMessage m) {
            messageParams(m, out);
        } else if (r instanceof CrashRecord c) {
            crashParams(c.report(), out);
        } else if (r instanceof SourceEvent e) {
            for (Map.Entry<String, Object> d : e.event().details().entrySet()) {
                Object v = d.getValue();
                byte[] name = cached(eventNames, "", d.getKey());
                if (v instanceof Number n) {
                    param(out, name, n.longValue());
                } else {
                    param(out, name, String.valueOf(v));
                }
            }
        }
        if (out.writerIndex() == empty) {
            out.writerIndex(start);
            out.writeByte('-');
        } else {
            out.writeByte(']');
        }
    }

    private void messageParams(KernelMessage m, ByteBuf out) {
        Extended x = m.extended();
        if (x != null) {
            param(out, SEQ, x.seq());
        }
        if (m.kernelTsUs() != null) {
            param(out, KERNEL_TS, m.kernelTsUs());
        }
        if (x != null) {
            extendedHeaderParams(x, out);
        }
        if (m.fragments() > 1) {
            param(out, FRAGMENTS, m.fragments());
        }
        if (x != null && x.seqReset()) {
            flag(out, SEQ_RESET);
        }
        if (x != null && x.outOfOrder()) {
            flag(out, OUT_OF_ORDER);
        }
        if (m.incomplete()) {
            flag(out, INCOMPLETE);
        }
        if (x != null && x.truncated()) {
            flag(out, TRUNCATED);
        }
        if (x != null) {
            dictionaryParams(x, out);
        }
    }

    private static void crashParams(CrashReport c, ByteBuf out) {
        param(out, CRASH_KIND, c.kind().wireName());
        if (c.span().firstSeq() != null) {
            param(out, FIRST_SEQ, c.span().firstSeq());
            param(out, LAST_SEQ, c.span().lastSeq());
        }
        if (c.task() != null) {
            param(out, TASK, c.task());
            param(out, PID, c.pid());
        }
        if (c.rip() != null) {
            param(out, RIP, c.rip().function());
            if (c.rip().module() != null) {
                param(out, RIP_MODULE, c.rip().module());
            }
        }
        if (c.panicReason() != null) {
            param(out, PANIC_REASON, c.panicReason());
        }
        param(out, CLOSE_REASON, c.closeReason().wireName());
        param(out, COMPLETE, Boolean.toString(c.complete()));
    }

    private static void extendedHeaderParams(Extended x, ByteBuf out) {
        if (x.cont() != ContinuationFlag.NONE) {
            param(out, CONT, x.cont().wireName());
        }
        if (x.release() != null) {
            param(out, RELEASE, x.release());
        }
        Sysdata sysdata = x.sysdata();
        if (sysdata != null && sysdata.msgid() != null) {
            param(out, MSGID, sysdata.msgid());
        }
        if (sysdata != null && sysdata.cpu() != null) {
            param(out, CPU, sysdata.cpu());
        }
        if (sysdata != null && sysdata.taskname() != null) {
            param(out, TASKNAME, sysdata.taskname());
        }
    }

    private void dictionaryParams(Extended x, ByteBuf out) {
        Device device = x.device();
        if (device != null && device.subsystem() != null) {
            param(out, SUBSYSTEM, device.subsystem());
        }
        if (device != null && device.device() != null) {
            param(out, DEVICE, device.device());
        }
        for (KeyValue kv : x.userdata()) {
            param(out, cached(userdataNames, USERDATA_PREFIX, kv.key()), kv.value());
        }
    }

    private static byte[] cached(Map<String, byte[]> cache, String prefix, String key) {
        byte[] name = cache.get(key);
        if (name == null) {
            if (cache.size() >= MAX_CACHED_NAMES) {
                cache.clear();
            }
            name = name(SyslogNames.paramName(prefix, key));
            cache.put(key, name);
        }
        return name;
    }

    /** {@code " name=\""}, ready to write before a value. */
    private static byte[] name(String paramName) {
        return (" " + paramName + "=\"").getBytes(StandardCharsets.US_ASCII);
    }

    private static void param(ByteBuf out, byte[] name, long value) {
        out.writeBytes(name);
        Ascii.writeDecimal(out, value);
        out.writeByte('"');
    }

    private static void flag(ByteBuf out, byte[] name) {
        out.writeBytes(name);
        out.writeBytes(TRUE);
        out.writeByte('"');
    }

    private static void param(ByteBuf out, byte[] name, String value) {
        out.writeBytes(name);
        writeEscaped(out, value);
        out.writeByte('"');
    }

    /** Writes {@code value} as UTF-8 with {@code "}, {@code \} and {@code ]} preceded by a backslash. */
    static void writeEscaped(ByteBuf out, String value) {
        int from = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\' || c == ']') {
                ByteBufUtil.writeUtf8(out, value, from, i);
                out.writeByte('\\');
                out.writeByte(c);
                from = i + 1;
            }
        }
        ByteBufUtil.writeUtf8(out, value, from, value.length());
    }
}
