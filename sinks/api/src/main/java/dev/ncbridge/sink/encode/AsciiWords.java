package dev.ncbridge.sink.encode;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * ASCII text as little-endian longs, eight bytes to a word, written into a byte array with one
 * store each: the encoders' constant text and digits. A store of a word costs about half of a
 * call to copy a few bytes (docs/performance.md, "JSON encoding"). Whatever a word holds past
 * the text it carries lies beyond it, and the writer writes over it with what follows.
 */
final class AsciiWords {
    private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private AsciiWords() {
    }

    /** Stores {@code word} at {@code at}: eight bytes, the lowest first. */
    static void put(byte[] b, int at, long word) {
        WORDS.set(b, at, word);
    }

    /** {@code bytes} as words, the last one filled up with zeros. */
    static long[] of(byte[] bytes) {
        byte[] padded = Arrays.copyOf(bytes, (bytes.length + Long.BYTES - 1) / Long.BYTES * Long.BYTES);
        long[] words = new long[padded.length / Long.BYTES];
        for (int i = 0; i < words.length; i++) {
            words[i] = (long) WORDS.get(padded, i * Long.BYTES);
        }
        return words;
    }

    /**
     * The eight decimal digits of {@code v} (below 10^8, with its leading zeros) as a word, the
     * first digit in the lowest byte, made without division or table: the long is split into
     * lanes, and each digit pair, then each digit, is found in all lanes at once. {@code x * 10486
     * >>> 20} is {@code x / 100} for {@code x} below 10^4, {@code x * 103 >>> 10} is {@code x / 10}
     * for {@code x} below 100, and no lane's product reaches the next lane.
     */
    static long eightDigits(int v) {
        int high = v / 10_000;
        // Two 32-bit lanes: the first four digits, then the last four.
        long fours = high | (long) (v - high * 10_000) << 32;
        long hundreds = (fours * 10486 >>> 20) & 0x0000_007F_0000_007FL;
        // Four 16-bit lanes of two digits each.
        long pairs = hundreds | (fours - 100 * hundreds) << 16;
        long tens = (pairs * 103 >>> 10) & 0x000F_000F_000F_000FL;
        // Eight bytes of one digit each.
        long ones = tens | (pairs - 10 * tens) << 8;
        return ones + 0x3030_3030_3030_3030L;
    }
}
