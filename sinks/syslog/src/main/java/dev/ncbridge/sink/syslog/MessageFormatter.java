package dev.ncbridge.sink.syslog;

import dev.ncbridge.ingest.record.Record;
import io.netty.buffer.ByteBuf;

/**
 * Writes a record as one syslog message, in two parts so that a transport with a size limit can
 * cut the MSG without touching the header. Implementations are not thread-safe (they cache the
 * current second's timestamp); a sink uses its own, on its own thread.
 */
interface MessageFormatter {
    /** Everything before the MSG, with the space that separates it from a non-empty MSG. */
    void writeHeader(Record r, ByteBuf out);

    /** The MSG: the record's message as UTF-8. */
    void writeMsg(Record r, ByteBuf out);

    /** The whole message. */
    default void write(Record r, ByteBuf out) {
        writeHeader(r, out);
        writeMsg(r, out);
    }

    static MessageFormatter of(SyslogOptions options) {
        SyslogPri pri = new SyslogPri(options.facility());
        return options.format() == SyslogFormat.RFC5424
                ? new Rfc5424Formatter(pri, options.appName(), options.sdId(), options.utf8Bom())
                : new Rfc3164Formatter(pri, options.appName());
    }
}
