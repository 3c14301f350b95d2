package dev.ncbridge.ingest.codec;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Datagrams from a few sources over time, as one byte string: how the decoder's fuzz test reads
 * the fuzzer's input, and how its seeds are written from real captures. Each step is a byte of
 * source (low two bits) and "expire first" (bit 2), a byte of time since the step before (in
 * 50 ms units, so that every timeout can pass), two bytes of length, and that many bytes of
 * datagram (fewer at the end of the input).
 */
final class DatagramScript {
    static final int SOURCES = 4;
    static final long TICK_MILLIS = 50;
    private static final int HEADER = 4;

    record Step(int source, boolean expireFirst, long advanceMillis, byte[] datagram) {
    }

    private DatagramScript() {
    }

    static List<Step> read(byte[] input) {
        List<Step> steps = new ArrayList<>();
        int i = 0;
        while (input.length - i >= HEADER) {
            int flags = input[i] & 0xff;
            long advance = (input[i + 1] & 0xff) * TICK_MILLIS;
            int length = Math.min(((input[i + 2] & 0xff) << 8) | (input[i + 3] & 0xff), input.length - i - HEADER);
            i += HEADER;
            steps.add(new Step(flags & (SOURCES - 1), (flags & 4) != 0, advance, Arrays.copyOfRange(input, i, i + length)));
            i += length;
        }
        return steps;
    }

    static byte[] write(List<Step> steps) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Step s : steps) {
            out.write(s.source() | (s.expireFirst() ? 4 : 0));
            out.write((int) Math.min(255, s.advanceMillis() / TICK_MILLIS));
            out.write(s.datagram().length >> 8);
            out.write(s.datagram().length & 0xff);
            out.writeBytes(s.datagram());
        }
        return out.toByteArray();
    }
}
