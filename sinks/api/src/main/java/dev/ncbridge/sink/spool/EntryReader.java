package dev.ncbridge.sink.spool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Reads a segment's entries in order from a position, checking each frame and CRC. A damaged
 * entry is skipped by looking for the next frame that checks out, and counted; a frame cut short
 * by the end of the file (a torn write) ends the segment and is counted.
 */
final class EntryReader {
    private static final int CHUNK = 1 << 20;

    private final FileChannel channel;
    private ByteBuffer buffer = ByteBuffer.allocate(0);
    /** The file position of {@code buffer}'s first byte. */
    private long bufferStart;
    private long position;
    private long damaged;

    EntryReader(FileChannel channel, long position) {
        this.channel = channel;
        this.position = position;
    }

    long position() {
        return position;
    }

    /** Damaged entries and torn tails skipped so far. */
    long damaged() {
        return damaged;
    }

    /** The next intact payload before {@code end}, or null when there is none. */
    byte[] next(long end) throws IOException {
        while (position < end) {
            int length = intactLength(position, end);
            if (length >= 0) {
                byte[] payload = new byte[length];
                buffer.get(Math.toIntExact(position - bufferStart + SegmentFormat.FRAME_BYTES), payload);
                position += SegmentFormat.FRAME_BYTES + length;
                return payload;
            }
            damaged++;
            position = nextIntact(position + 1, end);
        }
        return null;
    }

    /** The first position after {@code from} where an intact entry starts, or {@code end}. */
    private long nextIntact(long from, long end) throws IOException {
        for (long p = from; p + SegmentFormat.FRAME_BYTES <= end; p++) {
            if (!fill(p, 4, end) || buffer.getInt(Math.toIntExact(p - bufferStart)) != SegmentFormat.MARKER) {
                continue;
            }
            if (intactLength(p, end) >= 0) {
                return p;
            }
        }
        return end;
    }

    /** The payload length of the intact entry at {@code p}, or -1 when it is damaged or cut short. */
    private int intactLength(long p, long end) throws IOException {
        if (!fill(p, SegmentFormat.FRAME_BYTES, end)) {
            return -1;
        }
        int at = Math.toIntExact(p - bufferStart);
        int length = buffer.getInt(at + 4);
        if (buffer.getInt(at) != SegmentFormat.MARKER || length < 0 || length > SegmentFormat.MAX_PAYLOAD_BYTES
                || !fill(p, SegmentFormat.FRAME_BYTES + length, end)) {
            return -1;
        }
        at = Math.toIntExact(p - bufferStart);
        int crc = SegmentFormat.crc(buffer.array(), at + SegmentFormat.FRAME_BYTES, length);
        return crc == buffer.getInt(at + 8) ? length : -1;
    }

    /** Makes bytes {@code [p, p + n)} available in the buffer; false when they pass {@code end}. */
    private boolean fill(long p, int n, long end) throws IOException {
        if (p + n > end) {
            return false;
        }
        if (p >= bufferStart && p + n <= bufferStart + buffer.limit()) {
            return true;
        }
        int size = (int) Math.min(Math.max(CHUNK, n), end - p);
        if (buffer.capacity() < size) {
            buffer = ByteBuffer.allocate(size);
        }
        buffer.clear().limit(size);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, p + buffer.position()) < 0) {
                break;
            }
        }
        buffer.flip();
        bufferStart = p;
        return buffer.limit() >= n;
    }
}
