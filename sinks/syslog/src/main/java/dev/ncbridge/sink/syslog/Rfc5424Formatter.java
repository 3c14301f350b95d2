package dev.ncbridge.sink.syslog;

import dev.ncbridge.ingest.record.CrashRecord;
import dev.ncbridge.ingest.record.Record;
import dev.ncbridge.ingest.record.SourceEvent;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.nio.charset.StandardCharsets;

/**
 * RFC 5424: {@code <PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID STRUCTURED-DATA [SP MSG]}.
 *
 * <p>TIMESTAMP is the receive time (UTC, microseconds), HOSTNAME the source's name, PROCID
 * {@code -}, MSGID the netconsole format ({@code extended} or {@code legacy}) of a message or the
 * type of an event ({@code loss}, {@code source_reset}...), STRUCTURED-DATA the netconsole fields
 * ({@link StructuredDataWriter}), MSG the message text in UTF-8, without a byte order mark unless
 * configured: RFC 5424 asks for one, but receivers such as rsyslog keep it as part of the text.
 */
final class Rfc5424Formatter implements MessageFormatter {
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final byte[] VERSION = ">1 ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NIL = "-".getBytes(StandardCharsets.US_ASCII);

    private final SyslogPri pri;
    private final byte[] appNameAndProcId;
    private final StructuredDataWriter structuredData;
    private final boolean bom;
    private final SyslogClock clock = new SyslogClock();

    Rfc5424Formatter(SyslogPri pri, String appName, String sdId, boolean bom) {
        this.pri = pri;
        this.appNameAndProcId = (" " + appName + " - ").getBytes(StandardCharsets.US_ASCII);
        this.structuredData = new StructuredDataWriter(sdId);
        this.bom = bom;
    }

    @Override
    public void writeHeader(Record r, ByteBuf out) {
        out.writeByte('<');
        Ascii.writeDecimal(out, pri.of(r));
        out.writeBytes(VERSION);
        clock.writeRfc3339(out, r.receivedAtNanos());
        out.writeByte(' ');
        Ascii.writeHostname5424(out, r.hostName());
        out.writeBytes(appNameAndProcId);
        writeMsgId(r, out);
        out.writeByte(' ');
        structuredData.write(r, out);
        if (!r.message().isEmpty()) {
            out.writeByte(' ');
        }
    }

    private static void writeMsgId(Record r, ByteBuf out) {
        if (r instanceof SourceEvent e) {
            out.writeCharSequence(e.event().type().wireName(), StandardCharsets.US_ASCII);
        } else if (r instanceof CrashRecord) {
            out.writeCharSequence(CrashRecord.KIND, StandardCharsets.US_ASCII);
        } else if (r.format() != null) {
            out.writeCharSequence(r.format().wireName(), StandardCharsets.US_ASCII);
        } else {
            out.writeBytes(NIL);
        }
    }

    @Override
    public void writeMsg(Record r, ByteBuf out) {
        if (r.message().isEmpty()) {
            return;
        }
        if (bom) {
            out.writeBytes(BOM);
        }
        ByteBufUtil.writeUtf8(out, r.message());
    }
}
