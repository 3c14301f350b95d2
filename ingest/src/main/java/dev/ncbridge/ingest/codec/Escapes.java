package dev.ncbridge.ingest.codec;

/**
 * The kernel's {@code \xHH} escaping of extended message text. The kernel escapes every byte
 * below 0x20, 0x7f and above, and the backslash itself, so UTF-8 text arrives escaped byte by
 * byte. Unescaping must run on the reassembled payload: a fragment boundary can split an escape.
 */
final class Escapes {
    private Escapes() {
    }

    /** Whether {@code [from, to)} holds a backslash, i.e. whether unescaping can change it. */
    static boolean hasEscape(byte[] src, int from, int to) {
        return ExtendedHeaderParser.indexOf(src, from, to, (byte) '\\') >= 0;
    }

    /**
     * Writes the bytes {@code [from, to)} of {@code src} to {@code dst} with every {@code \xHH}
     * replaced by its byte. A backslash that does not start a complete escape (a truncated record
     * can end in a lone backslash) is copied unchanged, so nothing is lost.
     *
     * @return the number of bytes written; never more than {@code to - from}
     */
    static int unescape(byte[] src, int from, int to, byte[] dst) {
        int w = 0;
        int i = from;
        while (i < to) {
            byte b = src[i];
            if (b == '\\' && i + 3 < to && src[i + 1] == 'x') {
                int hi = hexValue(src[i + 2]);
                int lo = hexValue(src[i + 3]);
                if (hi >= 0 && lo >= 0) {
                    dst[w++] = (byte) (hi << 4 | lo);
                    i += 4;
                    continue;
                }
            }
            dst[w++] = b;
            i++;
        }
        return w;
    }

    private static int hexValue(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        return -1;
    }
}
