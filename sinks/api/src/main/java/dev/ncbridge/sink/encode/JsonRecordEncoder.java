package dev.ncbridge.sink.encode;

import dev.ncbridge.ingest.record.AddressText;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.ncbridge.ingest.crash.CrashReport;
import dev.ncbridge.ingest.record.CrashRecord;
import dev.ncbridge.ingest.record.Device;
import dev.ncbridge.ingest.record.Event;
import dev.ncbridge.ingest.record.Extended;
import dev.ncbridge.ingest.record.Facility;
import dev.ncbridge.ingest.record.Format;
import dev.ncbridge.ingest.record.KernelMessage;
import dev.ncbridge.ingest.record.KeyValue;
import dev.ncbridge.ingest.record.Record;
import dev.ncbridge.ingest.record.SourceEvent;
import dev.ncbridge.ingest.record.Sysdata;
import dev.ncbridge.ingest.record.Severity;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;

/**
 * The default encoding: one JSON object per record, with Elastic Common Schema names where one
 * exists (field reference in docs/encodings.md). Absent values are omitted,
 * never written as {@code null}. Stateless and thread-safe.
 *
 * <p>This is the hot path of every sink, so it writes with Jackson's streaming generator (no
 * databind, no intermediate tree) and uses pre-encoded field names.
 */
public final class JsonRecordEncoder implements RecordEncoder {
    static final String NAME = "json";

    /**
     * Shared by all threads (JsonFactory is thread-safe once built). The generator must neither
     * close the sink's stream nor flush it per record, or batching in a buffered stream is lost.
     *
     * <p>Characters beyond the BMP stay escaped surrogate pairs ({@code \uD83D\uDE00}), Jackson's
     * default: its option to combine them into 4-byte UTF-8 swallows the character after a lone
     * surrogate, and a message must never lose text.
     */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .disable(StreamWriteFeature.FLUSH_PASSED_TO_STREAM)
            .build();

    private static final SerializableString TIMESTAMP = name("@timestamp");
    private static final SerializableString KIND = name("kind");
    private static final SerializableString MESSAGE = name("message");
    private static final SerializableString HOST = name("host");
    private static final SerializableString IP = name("ip");
    private static final SerializableString NAME_FIELD = name("name");
    private static final SerializableString SOURCE = name("source");
    private static final SerializableString PORT = name("port");
    private static final SerializableString LOG = name("log");
    private static final SerializableString LEVEL = name("level");
    private static final SerializableString SYSLOG = name("syslog");
    private static final SerializableString SEVERITY = name("severity");
    private static final SerializableString FACILITY = name("facility");
    private static final SerializableString CODE = name("code");
    private static final SerializableString NETCONSOLE = name("netconsole");
    private static final SerializableString FORMAT = name("format");
    private static final SerializableString SEQ = name("seq");
    private static final SerializableString KERNEL_TS_US = name("kernel_ts_us");
    private static final SerializableString CONT = name("cont");
    private static final SerializableString RELEASE = name("release");
    private static final SerializableString MSGID = name("msgid");
    private static final SerializableString CPU = name("cpu");
    private static final SerializableString TASKNAME = name("taskname");
    private static final SerializableString FRAGMENTS = name("fragments");
    private static final SerializableString SEQ_RESET = name("seq_reset");
    private static final SerializableString OUT_OF_ORDER = name("out_of_order");
    private static final SerializableString INCOMPLETE = name("incomplete");
    private static final SerializableString TRUNCATED = name("truncated");
    private static final SerializableString KERNEL = name("kernel");
    private static final SerializableString SUBSYSTEM = name("subsystem");
    private static final SerializableString DEVICE = name("device");
    private static final SerializableString USERDATA = name("userdata");
    private static final SerializableString EVENT = name("event");
    private static final SerializableString TYPE = name("type");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void encode(Record r, OutputStream out) throws IOException {
        try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeFieldName(TIMESTAMP);
            g.writeString(TimestampFormatter.format(r.receivedAtNanos()));
            g.writeFieldName(KIND);
            g.writeString(r.kind());
            g.writeFieldName(MESSAGE);
            g.writeString(r.message());
            writeHostAndSource(g, r);
            if (r instanceof KernelMessage m) {
                writeMessage(g, m);
            } else if (r instanceof SourceEvent e) {
                if (e.format() != null) {
                    g.writeFieldName(NETCONSOLE);
                    g.writeStartObject();
                    writeFormat(g, e.format());
                    g.writeEndObject();
                }
                writeEvent(g, e.event());
            } else if (r instanceof CrashRecord c) {
                writeCrash(g, c);
            }
            g.writeEndObject();
        }
    }

    private static void writeMessage(JsonGenerator g, KernelMessage m) throws IOException {
        Extended x = m.extended();
        if (x != null) {
            writeLog(g, x);
        }
        writeNetconsole(g, m);
        Device device = x == null ? null : x.device();
        if (device != null) {
            g.writeFieldName(KERNEL);
            g.writeStartObject();
            writeStringIfPresent(g, SUBSYSTEM, device.subsystem());
            writeStringIfPresent(g, DEVICE, device.device());
            g.writeEndObject();
        }
        if (x != null && !x.userdata().isEmpty()) {
            writeUserdata(g, x.userdata());
        }
    }

    private static void writeHostAndSource(JsonGenerator g, Record r) throws IOException {
        String ip = ipText(r.source());
        g.writeFieldName(HOST);
        g.writeStartObject();
        g.writeFieldName(IP);
        g.writeString(ip);
        g.writeFieldName(NAME_FIELD);
        g.writeString(r.hostName());
        g.writeEndObject();
        g.writeFieldName(SOURCE);
        g.writeStartObject();
        g.writeFieldName(IP);
        g.writeString(ip);
        g.writeFieldName(PORT);
        g.writeNumber(r.source().getPort());
        g.writeEndObject();
    }

    /** The address without brackets or a name lookup; the host string if it was never resolved. */
    private static String ipText(InetSocketAddress source) {
        InetAddress address = source.getAddress();
        return address != null ? AddressText.of(address) : source.getHostString();
    }

    private static void writeLog(JsonGenerator g, Extended x) throws IOException {
        Severity severity = Severity.ofCode(x.level());
        g.writeFieldName(LOG);
        g.writeStartObject();
        g.writeFieldName(LEVEL);
        g.writeString(severity.keyword());
        g.writeFieldName(SYSLOG);
        g.writeStartObject();
        g.writeFieldName(SEVERITY);
        writeCodeAndName(g, severity.code(), severity.displayName());
        g.writeFieldName(FACILITY);
        writeCodeAndName(g, x.facility(), Facility.name(x.facility()));
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void writeCodeAndName(JsonGenerator g, int code, String name) throws IOException {
        g.writeStartObject();
        g.writeFieldName(CODE);
        g.writeNumber(code);
        g.writeFieldName(NAME_FIELD);
        g.writeString(name);
        g.writeEndObject();
    }

    private static void writeFormat(JsonGenerator g, Format format) throws IOException {
        g.writeFieldName(FORMAT);
        g.writeString(format.wireName());
    }

    private static void writeNetconsole(JsonGenerator g, KernelMessage m) throws IOException {
        Extended x = m.extended();
        g.writeFieldName(NETCONSOLE);
        g.writeStartObject();
        writeFormat(g, m.format());
        if (x != null) {
            g.writeFieldName(SEQ);
            g.writeNumber(x.seq());
        }
        if (m.kernelTsUs() != null) {
            g.writeFieldName(KERNEL_TS_US);
            g.writeNumber(m.kernelTsUs());
        }
        if (x != null) {
            g.writeFieldName(CONT);
            g.writeString(x.cont().wireName());
            writeStringIfPresent(g, RELEASE, x.release());
        }
        Sysdata sysdata = x == null ? null : x.sysdata();
        if (sysdata != null && sysdata.msgid() != null) {
            g.writeFieldName(MSGID);
            g.writeNumber(sysdata.msgid());
        }
        if (sysdata != null && sysdata.cpu() != null) {
            g.writeFieldName(CPU);
            g.writeNumber(sysdata.cpu());
        }
        if (sysdata != null) {
            writeStringIfPresent(g, TASKNAME, sysdata.taskname());
        }
        g.writeFieldName(FRAGMENTS);
        g.writeNumber(m.fragments());
        g.writeFieldName(SEQ_RESET);
        g.writeBoolean(x != null && x.seqReset());
        g.writeFieldName(OUT_OF_ORDER);
        g.writeBoolean(x != null && x.outOfOrder());
        if (m.incomplete()) {
            g.writeFieldName(INCOMPLETE);
            g.writeBoolean(true);
        }
        if (x != null && x.truncated()) {
            g.writeFieldName(TRUNCATED);
            g.writeBoolean(true);
        }
        g.writeEndObject();
    }

    /**
     * Userdata as an object in arrival order. A key may repeat, and JSON objects must not, so a
     * repeated key becomes an array of all its values, placed where the key first appeared. The
     * kernel allows only a handful of entries, so the quadratic scan beats allocating a map.
     */
    private static void writeUserdata(JsonGenerator g, List<KeyValue> userdata) throws IOException {
        g.writeFieldName(USERDATA);
        g.writeStartObject();
        int n = userdata.size();
        for (int i = 0; i < n; i++) {
            String key = userdata.get(i).key();
            if (indexOfKey(userdata, key, 0, i) >= 0) {
                continue; // already written with its first occurrence
            }
            g.writeFieldName(key);
            if (indexOfKey(userdata, key, i + 1, n) < 0) {
                g.writeString(userdata.get(i).value());
                continue;
            }
            g.writeStartArray();
            for (int j = i; j < n; j++) {
                if (userdata.get(j).key().equals(key)) {
                    g.writeString(userdata.get(j).value());
                }
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    /** The first index in {@code [from, to)} whose key is {@code key}, or -1. */
    private static int indexOfKey(List<KeyValue> userdata, String key, int from, int to) {
        for (int i = from; i < to; i++) {
            if (userdata.get(i).key().equals(key)) {
                return i;
            }
        }
        return -1;
    }

    private static void writeEvent(JsonGenerator g, Event event) throws IOException {
        g.writeFieldName(EVENT);
        g.writeStartObject();
        g.writeFieldName(TYPE);
        g.writeString(event.type().wireName());
        for (Map.Entry<String, Object> detail : event.details().entrySet()) {
            g.writeFieldName(detail.getKey());
            Object value = detail.getValue();
            if (value instanceof Long || value instanceof Integer) {
                g.writeNumber(((Number) value).longValue());
            } else if (value instanceof Boolean) {
                g.writeBoolean((Boolean) value);
            } else {
                g.writeString(value.toString());
            }
        }
        g.writeEndObject();
    }

    /**
     * A crash record's own fields: its format, and the report under {@code crash} (docs/encodings.md).
     * Crash records are rare, so plain field names do here.
     */
    private static void writeCrash(JsonGenerator g, CrashRecord c) throws IOException {
        CrashReport r = c.report();
        g.writeFieldName(NETCONSOLE);
        g.writeStartObject();
        writeFormat(g, c.format());
        g.writeEndObject();
        g.writeObjectFieldStart("crash");
        g.writeStringField("kind", r.kind().wireName());
        g.writeStringField("title", r.title());
        g.writeBooleanField("fatal", r.fatal());
        writeStringIfPresent(g, "panic_reason", r.panicReason());
        if (r.rip() != null) {
            g.writeFieldName("rip");
            writeFrame(g, r.rip());
        }
        writeStringIfPresent(g, "task", r.task());
        writeNumberIfPresent(g, "pid", r.pid());
        writeNumberIfPresent(g, "cpu", r.cpu());
        writeStringIfPresent(g, "tainted", r.tainted());
        writeStringIfPresent(g, "release", r.release());
        writeStringIfPresent(g, "hardware", r.hardware());
        writeStringIfPresent(g, "trace_id", r.traceId());
        g.writeArrayFieldStart("frames");
        for (CrashReport.Frame f : r.frames()) {
            writeFrame(g, f);
        }
        g.writeEndArray();
        CrashReport.Span span = r.span();
        writeNumberIfPresent(g, "first_seq", span.firstSeq());
        writeNumberIfPresent(g, "last_seq", span.lastSeq());
        writeNumberIfPresent(g, "first_kernel_ts_us", span.firstKernelTimeUs());
        writeNumberIfPresent(g, "last_kernel_ts_us", span.lastKernelTimeUs());
        g.writeStringField("first_received", TimestampFormatter.format(span.firstReceivedAtNanos()));
        g.writeStringField("close_reason", r.closeReason().wireName());
        g.writeBooleanField("complete", r.complete());
        g.writeStringField("text", r.text());
        g.writeEndObject();
    }

    private static void writeFrame(JsonGenerator g, CrashReport.Frame f) throws IOException {
        g.writeStartObject();
        g.writeStringField("function", f.function());
        g.writeNumberField("offset", f.offset());
        g.writeNumberField("size", f.size());
        writeStringIfPresent(g, "module", f.module());
        g.writeBooleanField("reliable", f.reliable());
        g.writeEndObject();
    }

    private static void writeStringIfPresent(JsonGenerator g, String field, String value) throws IOException {
        if (value != null) {
            g.writeStringField(field, value);
        }
    }

    private static void writeNumberIfPresent(JsonGenerator g, String field, Number value) throws IOException {
        if (value != null) {
            g.writeNumberField(field, value.longValue());
        }
    }

    private static void writeStringIfPresent(JsonGenerator g, SerializableString field, String value)
            throws IOException {
        if (value != null) {
            g.writeFieldName(field);
            g.writeString(value);
        }
    }

    private static SerializableString name(String fieldName) {
        return new SerializedString(fieldName);
    }
}
