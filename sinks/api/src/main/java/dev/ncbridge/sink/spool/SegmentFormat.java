package dev.ncbridge.sink.spool;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The layout of a spool segment file. A segment starts with an 8-byte header: the magic
 * {@code NCSP}, this format's version, the {@link RecordCodec} version, two zero bytes. Then
 * entries, each a 12-byte frame header (a marker, the payload length, the payload's CRC32C) and
 * the payload. The marker lets a reader find the next entry after a damaged one, so one bad
 * entry costs one record, not the rest of the segment. All numbers are big-endian.
 */
final class SegmentFormat {
    static final int HEADER_BYTES = 8;
    static final int FRAME_BYTES = 12;
    /** Far above any record the decoder can produce; a larger length is damage. */
    static final int MAX_PAYLOAD_BYTES = 16 << 20;
    static final int MARKER = 0xA5C3E10F;
    private static final int MAGIC = 0x4E435350;
    private static final byte FORMAT_VERSION = 1;

    private SegmentFormat() {
    }

    static ByteBuffer header() {
        ByteBuffer b = ByteBuffer.allocate(HEADER_BYTES);
        b.putInt(MAGIC).put(FORMAT_VERSION).put((byte) RecordCodec.VERSION).putShort((short) 0).flip();
        return b;
    }

    /** Whether {@code b} (8 bytes from its position) is a header this version writes. */
    static boolean isCurrentHeader(ByteBuffer b) {
        return b.remaining() >= HEADER_BYTES && b.getInt(b.position()) == MAGIC
                && b.get(b.position() + 4) == FORMAT_VERSION && b.get(b.position() + 5) == RecordCodec.VERSION;
    }

    static void frame(ByteBuffer out, byte[] payload) {
        out.putInt(MARKER).putInt(payload.length).putInt(crc(payload, 0, payload.length)).put(payload);
    }

    static int crc(byte[] b, int off, int len) {
        CRC32C c = new CRC32C();
        c.update(b, off, len);
        return (int) c.getValue();
    }
}
