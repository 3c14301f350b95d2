package dev.ncbridge.sink.syslog;

import dev.ncbridge.ingest.record.Record;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * Frames messages for a TCP or TLS stream (RFC 6587): octet counting ({@code <length> SP
 * <message>}) or a trailing line feed, where a line feed inside the message would end it early and
 * is therefore sent as a space. Not thread-safe: it formats into a buffer of its own.
 */
final class StreamFramer {
    private final MessageFormatter formatter;
    private final Framing framing;
    private final ByteBuf message = Unpooled.buffer(1024);

    StreamFramer(MessageFormatter formatter, Framing framing) {
        this.formatter = formatter;
        this.framing = framing;
    }

    /** Appends {@code r}, framed, to {@code out}. */
    void frame(Record r, ByteBuf out) {
        message.clear();
        formatter.write(r, message);
        int length = message.readableBytes();
        if (framing == Framing.OCTET_COUNTING) {
            Ascii.writeDecimal(out, length);
            out.writeByte(' ');
            out.writeBytes(message, message.readerIndex(), length);
            return;
        }
        int start = out.writerIndex();
        out.writeBytes(message, message.readerIndex(), length);
        for (int i = out.indexOf(start, start + length, (byte) '\n'); i >= 0;
             i = out.indexOf(i + 1, start + length, (byte) '\n')) {
            out.setByte(i, ' ');
        }
        out.writeByte('\n');
    }
}
