package dev.ncbridge.sink.syslog;

import dev.ncbridge.ingest.record.Record;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.util.List;

/**
 * Turns a record into UDP datagrams of at most {@code max_message_size} bytes: one when it fits;
 * else, by {@code oversize}, one with the MSG cut short or several with the MSG in pieces, each
 * with the full header. Cuts fall between UTF-8 characters. Not thread-safe.
 */
final class DatagramPacker {
    /** What became of a record. */
    enum Outcome {
        /** One datagram, the whole message. */
        WHOLE,
        /** One datagram, the MSG cut short. */
        TRUNCATED,
        /** Several datagrams, the MSG in pieces. */
        SPLIT,
        /** Nothing: even the header is larger than the limit. */
        TOO_LARGE
    }

    private final MessageFormatter formatter;
    private final int maxSize;
    private final Oversize oversize;
    private final ByteBuf header = Unpooled.buffer(512);
    private final ByteBuf msg = Unpooled.buffer(1024);

    DatagramPacker(MessageFormatter formatter, int maxSize, Oversize oversize) {
        this.formatter = formatter;
        this.maxSize = maxSize;
        this.oversize = oversize;
    }

    /** Adds the datagrams for {@code r} (buffers the caller then owns) to {@code out}. */
    Outcome pack(Record r, ByteBufAllocator alloc, List<ByteBuf> out) {
        header.clear();
        msg.clear();
        formatter.writeHeader(r, header);
        formatter.writeMsg(r, msg);
        int h = header.readableBytes();
        int m = msg.readableBytes();
        if (h + m <= maxSize) {
            out.add(datagram(alloc, m));
            return Outcome.WHOLE;
        }
        int room = maxSize - h;
        if (room <= 0) {
            return Outcome.TOO_LARGE;
        }
        if (oversize == Oversize.TRUNCATE) {
            out.add(datagram(alloc, cut(msg.readerIndex(), room)));
            return Outcome.TRUNCATED;
        }
        while (msg.isReadable()) {
            int piece = Math.min(msg.readableBytes(), room);
            if (piece < msg.readableBytes()) {
                piece = cut(msg.readerIndex(), piece);
            }
            out.add(datagram(alloc, piece));
        }
        return Outcome.SPLIT;
    }

    /** The header and the next {@code msgBytes} of the MSG, as one datagram's payload. */
    private ByteBuf datagram(ByteBufAllocator alloc, int msgBytes) {
        ByteBuf d = alloc.buffer(header.readableBytes() + msgBytes);
        d.writeBytes(header, header.readerIndex(), header.readableBytes());
        d.writeBytes(msg, msgBytes);
        return d;
    }

    /**
     * The longest prefix of at most {@code limit} bytes from {@code from} that ends between two
     * UTF-8 characters; at least one byte, so that broken text still makes progress.
     */
    private int cut(int from, int limit) {
        int n = limit;
        while (n > 1 && (msg.getByte(from + n) & 0xC0) == 0x80) {
            n--;
        }
        return n;
    }
}
