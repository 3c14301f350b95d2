package dev.ncbridge.sink.spool;

import dev.ncbridge.ingest.crash.CloseReason;
import dev.ncbridge.ingest.crash.CrashKind;
import dev.ncbridge.ingest.crash.CrashReport;
import dev.ncbridge.ingest.record.ContinuationFlag;
import dev.ncbridge.ingest.record.CrashRecord;
import dev.ncbridge.ingest.record.Device;
import dev.ncbridge.ingest.record.Event;
import dev.ncbridge.ingest.record.EventType;
import dev.ncbridge.ingest.record.Extended;
import dev.ncbridge.ingest.record.Format;
import dev.ncbridge.ingest.record.KernelMessage;
import dev.ncbridge.ingest.record.KeyValue;
import dev.ncbridge.ingest.record.Record;
import dev.ncbridge.ingest.record.SourceEvent;
import dev.ncbridge.ingest.record.Sysdata;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every field of a {@link Record} as bytes, for the spool: the only place that knows the record
 * model's shape on disk, so a change to the model changes this class and its {@link #VERSION}.
 * Enums are written by their wire names, not ordinals, so reordering constants changes nothing.
 *
 * <p>The layout is the one version 1 has always had, one flat list of fields for every kind of
 * record, in which a number a record lacks is written as {@code -1} and a string or array as
 * length {@code -1}; the typed records are taken apart into it and put back together from it, so
 * segments written before the records were typed replay unchanged. The flags byte now also keeps
 * {@link Extended#truncated()} (bit 8), which segments written before never set. A message's {@link
 * KernelMessage#ping()} is not written: it is read before the sinks, and a replayed record has none.
 *
 * <p>A {@link CrashRecord} (kind {@code crash}, which older segments never hold) writes the same
 * flat fields, its title as the message and no raw bytes, followed by its {@link CrashReport}; a
 * segment of messages and events is the same bytes as before, so the version stays 1.
 */
public final class RecordCodec {
    /** Written in every segment's header; a segment of another version is not read. */
    public static final int VERSION = 1;
    private static final int ABSENT_LENGTH = -1;
    private static final int ABSENT = -1;
    private static final byte[] NO_BYTES = new byte[0];
    private static final byte LONG = 1;
    private static final byte STRING = 2;
    private static final byte BOOLEAN = 3;

    private RecordCodec() {
    }

    public static byte[] encode(Record r) {
        KernelMessage m = r instanceof KernelMessage message ? message : null;
        byte[] raw = m == null ? NO_BYTES : m.raw();
        Extended x = m == null ? null : m.extended();
        Device device = x == null ? null : x.device();
        Sysdata sysdata = x == null ? null : x.sysdata();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(96 + r.message().length() + raw.length);
        DataOutputStream out = new DataOutputStream(bytes);
        try {
            writeString(out, r.kind());
            out.writeLong(r.receivedAtNanos());
            writeString(out, r.message());
            writeBytes(out, r.source().getAddress().getAddress());
            out.writeShort(r.source().getPort());
            writeString(out, r.hostName());
            out.writeInt(x == null ? ABSENT : x.level());
            out.writeInt(x == null ? ABSENT : x.facility());
            writeString(out, r.format() == null ? null : r.format().wireName());
            out.writeLong(x == null ? ABSENT : x.seq());
            out.writeLong(m == null || m.kernelTsUs() == null ? ABSENT : m.kernelTsUs());
            writeString(out, x == null ? null : x.cont().wireName());
            writeString(out, x == null ? null : x.release());
            out.writeLong(sysdata == null || sysdata.msgid() == null ? ABSENT : sysdata.msgid());
            out.writeInt(sysdata == null || sysdata.cpu() == null ? ABSENT : sysdata.cpu());
            writeString(out, sysdata == null ? null : sysdata.taskname());
            out.writeInt(m == null ? 1 : m.fragments());
            out.writeByte((x != null && x.seqReset() ? 1 : 0) | (x != null && x.outOfOrder() ? 2 : 0)
                    | (m != null && m.incomplete() ? 4 : 0) | (x != null && x.truncated() ? 8 : 0));
            writeString(out, device == null ? null : device.subsystem());
            writeString(out, device == null ? null : device.device());
            List<KeyValue> userdata = x == null ? List.of() : x.userdata();
            out.writeInt(userdata.size());
            for (KeyValue kv : userdata) {
                writeString(out, kv.key());
                writeString(out, kv.value());
            }
            writeBytes(out, raw);
            writeEvent(out, r instanceof SourceEvent e ? e.event() : null);
            if (r instanceof CrashRecord c) {
                writeCrash(out, c.report());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return bytes.toByteArray();
    }

    /** @throws IOException when the bytes are not a record of this version */
    public static Record decode(byte[] data) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(data));
        String kind = readString(in);
        long receivedAtNanos = in.readLong();
        String message = readString(in);
        InetAddress address = InetAddress.getByAddress(readBytes(in));
        InetSocketAddress source = new InetSocketAddress(address, in.readUnsignedShort());
        String hostName = readString(in);
        int level = in.readInt();
        int facility = in.readInt();
        Format format = byWireName(Format.values(), readString(in), Format::wireName);
        long seq = in.readLong();
        long kernelTsUs = in.readLong();
        ContinuationFlag cont = byWireName(ContinuationFlag.values(), readString(in), ContinuationFlag::wireName);
        String release = readString(in);
        long msgid = in.readLong();
        int cpu = in.readInt();
        String taskname = readString(in);
        int fragments = in.readInt();
        int flags = in.readUnsignedByte();
        String subsystem = readString(in);
        String device = readString(in);
        int userdata = in.readInt();
        if (userdata < 0 || userdata > data.length) {
            throw new IOException("bad userdata count " + userdata);
        }
        List<KeyValue> kvs = new ArrayList<>(userdata);
        for (int i = 0; i < userdata; i++) {
            kvs.add(new KeyValue(readString(in), readString(in)));
        }
        byte[] raw = readBytes(in);
        Event event = readEvent(in);
        boolean crash = CrashRecord.KIND.equals(kind) && event == null;
        CrashReport report = crash ? readCrash(in) : null;
        if (in.available() != 0) {
            throw new IOException("record bytes do not match the record layout");
        }
        try {
            if (SourceEvent.KIND.equals(kind) && event != null) {
                return new SourceEvent(receivedAtNanos, source, hostName, format, message, event);
            }
            if (crash) {
                return new CrashRecord(receivedAtNanos, source, hostName, format, report);
            }
            if (!KernelMessage.KIND.equals(kind) || event != null) {
                throw new IOException("record bytes do not match the record layout");
            }
            Extended extended = format != Format.EXTENDED ? null : new Extended(level, facility, seq, cont, release,
                    (flags & 1) != 0, (flags & 2) != 0, (flags & 8) != 0,
                    subsystem == null && device == null ? null : new Device(subsystem, device),
                    cpu == ABSENT && taskname == null && msgid == ABSENT ? null
                            : new Sysdata(cpu == ABSENT ? null : cpu, taskname, msgid == ABSENT ? null : msgid),
                    kvs);
            return new KernelMessage(receivedAtNanos, source, hostName, message,
                    kernelTsUs == ABSENT ? null : kernelTsUs, fragments, (flags & 4) != 0,
                    raw == null ? NO_BYTES : raw, null, extended);
        } catch (RuntimeException e) {
            throw new IOException("record fields are inconsistent: " + e.getMessage(), e);
        }
    }

    private static void writeEvent(DataOutputStream out, Event event) throws IOException {
        if (event == null) {
            writeString(out, null);
            return;
        }
        writeString(out, event.type().wireName());
        out.writeInt(event.details().size());
        for (Map.Entry<String, Object> d : event.details().entrySet()) {
            writeString(out, d.getKey());
            if (d.getValue() instanceof Long v) {
                out.writeByte(LONG);
                out.writeLong(v);
            } else if (d.getValue() instanceof Boolean v) {
                out.writeByte(BOOLEAN);
                out.writeBoolean(v);
            } else {
                out.writeByte(STRING);
                writeString(out, String.valueOf(d.getValue()));
            }
        }
    }

    private static Event readEvent(DataInputStream in) throws IOException {
        String type = readString(in);
        if (type == null) {
            return null;
        }
        Event.Builder b = Event.builder(byWireName(EventType.values(), type, EventType::wireName));
        int n = in.readInt();
        for (int i = 0; i < n; i++) {
            String key = readString(in);
            switch (in.readByte()) {
                case LONG -> b.put(key, in.readLong());
                case BOOLEAN -> b.put(key, in.readBoolean());
                case STRING -> b.put(key, readString(in));
                default -> throw new IOException("bad event detail type");
            }
        }
        return b.build();
    }

    private static void writeCrash(DataOutputStream out, CrashReport c) throws IOException {
        writeString(out, c.kind().wireName());
        writeString(out, c.title());
        writeString(out, c.panicReason());
        out.writeBoolean(c.rip() != null);
        if (c.rip() != null) {
            writeFrame(out, c.rip());
        }
        writeString(out, c.task());
        out.writeInt(c.pid() == null ? ABSENT : c.pid());
        out.writeInt(c.cpu() == null ? ABSENT : c.cpu());
        writeString(out, c.tainted());
        writeString(out, c.release());
        writeString(out, c.hardware());
        writeString(out, c.traceId());
        out.writeInt(c.frames().size());
        for (CrashReport.Frame f : c.frames()) {
            writeFrame(out, f);
        }
        CrashReport.Span span = c.span();
        for (Long n : new Long[] {span.firstSeq(), span.lastSeq(), span.firstKernelTimeUs(), span.lastKernelTimeUs()}) {
            out.writeLong(n == null ? ABSENT : n);
        }
        out.writeLong(span.firstReceivedAtNanos());
        out.writeLong(span.lastReceivedAtNanos());
        writeString(out, c.text());
        writeString(out, c.closeReason().wireName());
        out.writeBoolean(c.complete());
    }

    private static CrashReport readCrash(DataInputStream in) throws IOException {
        CrashKind kind = byWireName(CrashKind.values(), readString(in), CrashKind::wireName);
        String title = readString(in);
        String panicReason = readString(in);
        CrashReport.Frame rip = in.readBoolean() ? readFrame(in) : null;
        String task = readString(in);
        int pid = in.readInt();
        int cpu = in.readInt();
        String tainted = readString(in);
        String release = readString(in);
        String hardware = readString(in);
        String traceId = readString(in);
        int n = in.readInt();
        if (n < 0 || n > in.available()) {
            throw new IOException("bad frame count " + n);
        }
        List<CrashReport.Frame> frames = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            frames.add(readFrame(in));
        }
        CrashReport.Span span = new CrashReport.Span(optional(in.readLong()), optional(in.readLong()),
                optional(in.readLong()), optional(in.readLong()), in.readLong(), in.readLong());
        String text = readString(in);
        CloseReason reason = byWireName(CloseReason.values(), readString(in), CloseReason::wireName);
        boolean complete = in.readBoolean();
        try {
            return new CrashReport(kind, title, panicReason, rip, task, pid == ABSENT ? null : pid,
                    cpu == ABSENT ? null : cpu, tainted, release, hardware, traceId, frames, span, text, reason,
                    complete);
        } catch (RuntimeException e) {
            throw new IOException("crash report fields are inconsistent: " + e.getMessage(), e);
        }
    }

    private static void writeFrame(DataOutputStream out, CrashReport.Frame f) throws IOException {
        writeString(out, f.function());
        out.writeLong(f.offset());
        out.writeLong(f.size());
        writeString(out, f.module());
        out.writeBoolean(f.reliable());
    }

    private static CrashReport.Frame readFrame(DataInputStream in) throws IOException {
        String function = readString(in);
        if (function == null) {
            throw new IOException("a frame without its function");
        }
        return new CrashReport.Frame(function, in.readLong(), in.readLong(), readString(in), in.readBoolean());
    }

    private static Long optional(long value) {
        return value == ABSENT ? null : value;
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        writeBytes(out, s == null ? null : s.getBytes(StandardCharsets.UTF_8));
    }

    private static String readString(DataInputStream in) throws IOException {
        byte[] b = readBytes(in);
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    private static void writeBytes(DataOutputStream out, byte[] b) throws IOException {
        if (b == null) {
            out.writeInt(ABSENT_LENGTH);
            return;
        }
        out.writeInt(b.length);
        out.write(b);
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n == ABSENT_LENGTH) {
            return null;
        }
        if (n < 0 || n > in.available()) {
            throw new IOException("bad length " + n);
        }
        return in.readNBytes(n);
    }

    private static <E> E byWireName(E[] values, String name, java.util.function.Function<E, String> wireName)
            throws IOException {
        if (name == null) {
            return null;
        }
        for (E v : values) {
            if (wireName.apply(v).equals(name)) {
                return v;
            }
        }
        throw new IOException("unknown value \"" + name + "\"");
    }
}
