package dev.ncbridge.sink.spool;

import dev.ncbridge.ingest.record.ContinuationFlag;
import dev.ncbridge.ingest.record.Event;
import dev.ncbridge.ingest.record.EventType;
import dev.ncbridge.ingest.record.Format;
import dev.ncbridge.ingest.record.KeyValue;
import dev.ncbridge.ingest.record.Record;
import dev.ncbridge.ingest.record.RecordKind;
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
 */
public final class RecordCodec {
    /** Written in every segment's header; a segment of another version is not read. */
    public static final int VERSION = 1;
    private static final int ABSENT_LENGTH = -1;
    private static final byte LONG = 1;
    private static final byte STRING = 2;
    private static final byte BOOLEAN = 3;

    private RecordCodec() {
    }

    public static byte[] encode(Record r) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(96 + r.message().length() + r.raw().length);
        DataOutputStream out = new DataOutputStream(bytes);
        try {
            writeString(out, r.kind().wireName());
            out.writeLong(r.receivedAtNanos());
            writeString(out, r.message());
            writeBytes(out, r.source().getAddress().getAddress());
            out.writeShort(r.source().getPort());
            writeString(out, r.hostName());
            out.writeInt(r.level());
            out.writeInt(r.facility());
            writeString(out, r.format() == null ? null : r.format().wireName());
            out.writeLong(r.seq());
            out.writeLong(r.kernelTsUs());
            writeString(out, r.cont() == null ? null : r.cont().wireName());
            writeString(out, r.release());
            out.writeLong(r.msgid());
            out.writeInt(r.cpu());
            writeString(out, r.taskname());
            out.writeInt(r.fragments());
            out.writeByte((r.seqReset() ? 1 : 0) | (r.outOfOrder() ? 2 : 0) | (r.incomplete() ? 4 : 0));
            writeString(out, r.subsystem());
            writeString(out, r.device());
            out.writeInt(r.userdata().size());
            for (KeyValue kv : r.userdata()) {
                writeString(out, kv.key());
                writeString(out, kv.value());
            }
            writeBytes(out, r.raw());
            writeEvent(out, r.event());
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return bytes.toByteArray();
    }

    /** @throws IOException when the bytes are not a record of this version */
    public static Record decode(byte[] data) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(data));
        Record.Builder b = Record.builder();
        RecordKind kind = byWireName(RecordKind.values(), readString(in), RecordKind::wireName);
        b.receivedAtNanos(in.readLong());
        b.message(readString(in));
        InetAddress address = InetAddress.getByAddress(readBytes(in));
        b.source(new InetSocketAddress(address, in.readUnsignedShort()));
        b.hostName(readString(in));
        b.level(in.readInt());
        b.facility(in.readInt());
        b.format(byWireName(Format.values(), readString(in), Format::wireName));
        b.seq(in.readLong());
        b.kernelTsUs(in.readLong());
        b.cont(byWireName(ContinuationFlag.values(), readString(in), ContinuationFlag::wireName));
        b.release(readString(in));
        b.msgid(in.readLong());
        b.cpu(in.readInt());
        b.taskname(readString(in));
        b.fragments(in.readInt());
        int flags = in.readUnsignedByte();
        b.seqReset((flags & 1) != 0).outOfOrder((flags & 2) != 0).incomplete((flags & 4) != 0);
        b.subsystem(readString(in));
        b.device(readString(in));
        int userdata = in.readInt();
        if (userdata < 0 || userdata > data.length) {
            throw new IOException("bad userdata count " + userdata);
        }
        List<KeyValue> kvs = new ArrayList<>(userdata);
        for (int i = 0; i < userdata; i++) {
            kvs.add(new KeyValue(readString(in), readString(in)));
        }
        b.userdata(kvs);
        b.raw(readBytes(in));
        Event event = readEvent(in);
        if ((event != null) != (kind == RecordKind.EVENT) || in.available() != 0) {
            throw new IOException("record bytes do not match the record layout");
        }
        try {
            return b.event(event).build();
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
