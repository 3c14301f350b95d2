package dev.ncbridge.ingest.codec;

import dev.ncbridge.ingest.record.ContinuationFlag;

/**
 * Reads the extended netconsole header
 * {@code [<release>,]<prefix>,<seq>,<ts_usec>,<flag>[,ncfrag=<off>/<total>][,<k>=<v>...];}.
 *
 * <p>Format detection and parsing are one pass: a datagram is extended exactly when it has the
 * header's shape (three digit fields and a flag character before the first {@code ;}, optionally
 * after a release token containing a dot). Console text such as {@code [ 1.2] a, b; c} never has
 * that shape. A datagram with the shape but impossible values (a 25-digit sequence number, a
 * fragment outside its total) is malformed rather than legacy: no console line looks like that.
 */
final class ExtendedHeaderParser {
    /** A header longer than this is not a header: release (64) + numbers + a few fields. */
    static final int MAX_HEADER_BYTES = 512;
    /** The kernel stores the facility in a byte and the level in three bits. */
    static final int MAX_PREFIX = 255 * 8 + 7;
    private static final int MAX_RELEASE_BYTES = 64;
    private static final int MAX_LONG_DIGITS = 19;
    private static final byte[] NCFRAG = {'n', 'c', 'f', 'r', 'a', 'g', '='};

    private final int maxMessageBytes;

    ExtendedHeaderParser(int maxMessageBytes) {
        this.maxMessageBytes = maxMessageBytes;
    }

    HeaderParse parse(byte[] buf, int off, int len, ExtendedHeader h) {
        h.clear();
        int end = off + len;
        int semi = indexOf(buf, off, Math.min(end, off + MAX_HEADER_BYTES), (byte) ';');
        if (semi < 0) {
            return HeaderParse.LEGACY;
        }
        h.headerEnd = semi;
        int p = off;
        int firstComma = indexOf(buf, off, semi, (byte) ',');
        if (firstComma < 0) {
            return HeaderParse.LEGACY;
        }
        if (indexOf(buf, off, firstComma, (byte) '.') >= 0) {
            if (!isReleaseToken(buf, off, firstComma)) {
                return HeaderParse.LEGACY;
            }
            h.releaseOffset = off;
            h.releaseLength = firstComma - off;
            p = firstComma + 1;
        }

        int prefixEnd = digitsEnd(buf, p, semi);
        if (prefixEnd == p || prefixEnd >= semi || buf[prefixEnd] != ',') {
            return HeaderParse.LEGACY;
        }
        int seqStart = prefixEnd + 1;
        int seqEnd = digitsEnd(buf, seqStart, semi);
        if (seqEnd == seqStart || seqEnd >= semi || buf[seqEnd] != ',') {
            return HeaderParse.LEGACY;
        }
        int tsStart = seqEnd + 1;
        int tsEnd = digitsEnd(buf, tsStart, semi);
        if (tsEnd == tsStart || tsEnd >= semi || buf[tsEnd] != ',') {
            return HeaderParse.LEGACY;
        }
        int flagAt = tsEnd + 1;
        ContinuationFlag flag = flagAt < semi ? ContinuationFlag.fromHeaderChar(buf[flagAt]) : null;
        if (flag == null || (flagAt + 1 != semi && buf[flagAt + 1] != ',')) {
            return HeaderParse.LEGACY;
        }
        h.flag = flag;

        long prefix = parseNumber(buf, p, prefixEnd);
        h.seq = parseNumber(buf, seqStart, seqEnd);
        h.tsUs = parseNumber(buf, tsStart, tsEnd);
        if (prefix < 0 || prefix > MAX_PREFIX || h.seq < 0 || h.tsUs < 0) {
            return malformed(h, MalformedReason.HEADER_NUMBER_OUT_OF_RANGE);
        }
        h.prefix = (int) prefix;
        return parseOptionalFields(buf, flagAt + 1, semi, end, h);
    }

    /** Reads the {@code ,k=v} fields after the flag; only {@code ncfrag} has meaning today. */
    private HeaderParse parseOptionalFields(byte[] buf, int p, int semi, int end, ExtendedHeader h) {
        while (p < semi) {
            int tokenStart = p + 1;
            int tokenEnd = indexOf(buf, tokenStart, semi, (byte) ',');
            if (tokenEnd < 0) {
                tokenEnd = semi;
            }
            if (startsWith(buf, tokenStart, tokenEnd, NCFRAG)) {
                if (h.isFragment()) {
                    return malformed(h, MalformedReason.BAD_FRAGMENT_FIELD);
                }
                HeaderParse r = parseFragment(buf, tokenStart + NCFRAG.length, tokenEnd, semi, end, h);
                if (r != HeaderParse.EXTENDED) {
                    return r;
                }
                h.fragTokenStart = p;
                h.fragTokenEnd = tokenEnd;
            }
            p = tokenEnd;
        }
        return HeaderParse.EXTENDED;
    }

    private HeaderParse parseFragment(byte[] buf, int start, int tokenEnd, int semi, int end, ExtendedHeader h) {
        int slash = indexOf(buf, start, tokenEnd, (byte) '/');
        if (slash < 0 || digitsEnd(buf, start, slash) != slash || slash == start
                || digitsEnd(buf, slash + 1, tokenEnd) != tokenEnd || slash + 1 == tokenEnd) {
            return malformed(h, MalformedReason.BAD_FRAGMENT_FIELD);
        }
        long fragOff = parseNumber(buf, start, slash);
        long total = parseNumber(buf, slash + 1, tokenEnd);
        if (fragOff < 0 || total < 0) {
            return malformed(h, MalformedReason.BAD_FRAGMENT_FIELD);
        }
        if (total > maxMessageBytes) {
            return malformed(h, MalformedReason.FRAGMENT_TOO_LARGE);
        }
        int chunk = end - (semi + 1);
        if (total == 0 || chunk == 0 || fragOff >= total || fragOff + chunk > total) {
            return malformed(h, MalformedReason.FRAGMENT_OUT_OF_BOUNDS);
        }
        h.fragOffset = (int) fragOff;
        h.fragTotal = (int) total;
        return HeaderParse.EXTENDED;
    }

    private static HeaderParse malformed(ExtendedHeader h, MalformedReason reason) {
        h.malformedReason = reason;
        return HeaderParse.MALFORMED;
    }

    /** A kernel release ({@code uname -r}): printable, no spaces, at most 64 bytes. */
    private static boolean isReleaseToken(byte[] buf, int from, int to) {
        int n = to - from;
        if (n == 0 || n > MAX_RELEASE_BYTES) {
            return false;
        }
        for (int i = from; i < to; i++) {
            int c = buf[i] & 0xff;
            if (c <= ' ' || c >= 0x7f || c == ';') {
                return false;
            }
        }
        return true;
    }

    static int indexOf(byte[] buf, int from, int to, byte b) {
        for (int i = from; i < to; i++) {
            if (buf[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static int digitsEnd(byte[] buf, int from, int to) {
        int i = from;
        while (i < to && buf[i] >= '0' && buf[i] <= '9') {
            i++;
        }
        return i;
    }

    /** The decimal value of {@code [from, to)}, or -1 when it does not fit in a long. */
    private static long parseNumber(byte[] buf, int from, int to) {
        if (to - from > MAX_LONG_DIGITS) {
            return -1;
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            v = v * 10 + (buf[i] - '0');
        }
        return v;
    }

    private static boolean startsWith(byte[] buf, int from, int to, byte[] prefix) {
        if (to - from < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (buf[from + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
