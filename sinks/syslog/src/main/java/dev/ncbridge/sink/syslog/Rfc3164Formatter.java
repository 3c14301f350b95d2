package dev.ncbridge.sink.syslog;

import dev.ncbridge.ingest.record.Record;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.nio.charset.StandardCharsets;

/**
 * RFC 3164: {@code <PRI>Mmm dd hh:mm:ss HOSTNAME TAG: MSG}, the timestamp being the receive time
 * in UTC (the format has no zone) and TAG the configured {@code app_name}. The format has no
 * structured data: only PRI, time, host and text survive.
 */
final class Rfc3164Formatter implements MessageFormatter {
    private final SyslogPri pri;
    private final byte[] tag;
    private final SyslogClock clock = new SyslogClock();

    Rfc3164Formatter(SyslogPri pri, String tag) {
        this.pri = pri;
        this.tag = (" " + tag + ":").getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public void writeHeader(Record r, ByteBuf out) {
        out.writeByte('<');
        Ascii.writeDecimal(out, pri.of(r));
        out.writeByte('>');
        clock.writeRfc3164(out, r.receivedAtNanos());
        out.writeByte(' ');
        Ascii.writeHostname3164(out, r.hostName());
        out.writeBytes(tag);
        if (!r.message().isEmpty()) {
            out.writeByte(' ');
        }
    }

    @Override
    public void writeMsg(Record r, ByteBuf out) {
        ByteBufUtil.writeUtf8(out, r.message());
    }
}
