package dev.ncbridge.ingest.codec;

import dev.ncbridge.ingest.record.KeyValue;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Splits an extended payload (the bytes after the header's {@code ;}) into the message body and
 * the dictionary lines that follow its first verbatim newline.
 *
 * <p>The dictionary is, in this order: the kernel's device info ({@code SUBSYSTEM}, {@code
 * DEVICE}), the target's userdata (any keys the user made in configfs), and the sysdata the
 * kernel appends ({@code cpu}, {@code taskname}, {@code release}, {@code msgid}, each optional,
 * always in that order). Userdata keys are free, so a user may have a {@code cpu} key too; the
 * sysdata is therefore taken as the longest tail of lines whose keys follow the sysdata order,
 * and everything between device info and that tail is userdata. Nothing is dropped: a repeated
 * key stays in the userdata list.
 *
 * <p>Not thread-safe: it owns a scratch buffer. One parser per decoder.
 */
final class PayloadParser {
    private static final String[] SYSDATA_ORDER = {"cpu", "taskname", "release", "msgid"};

    private final byte[] scratch;
    // The current dictionary's lines: where each starts, where its key ends (its '=', or the line
    // end when it has none), where it ends, and its sysdata order.
    private int[] lineStart = new int[8];
    private int[] keyEnd = new int[8];
    private int[] lineEnd = new int[8];
    private int[] order = new int[8];

    PayloadParser(int maxMessageBytes) {
        this.scratch = new byte[maxMessageBytes];
    }

    void parse(byte[] buf, int from, int to, ExtendedPayload out) {
        int newline = ExtendedHeaderParser.indexOf(buf, from, to, (byte) '\n');
        int bodyEnd = newline < 0 ? to : newline;
        out.message = unescapeToString(buf, from, bodyEnd);
        out.subsystem = null;
        out.device = null;
        out.userdata = null;
        out.cpu = ExtendedPayload.ABSENT;
        out.taskname = null;
        out.release = null;
        out.msgid = ExtendedPayload.ABSENT;
        if (newline >= 0 && newline + 1 < to) {
            parseDictionary(buf, newline + 1, to, out);
        }
    }

    private void parseDictionary(byte[] buf, int from, int to, ExtendedPayload out) {
        int n = splitLines(buf, from, to);
        int first = 0;
        while (first < n) {
            if (keyEquals(buf, first, "SUBSYSTEM")) {
                out.subsystem = unescapedValue(buf, first);
            } else if (keyEquals(buf, first, "DEVICE")) {
                out.device = unescapedValue(buf, first);
            } else {
                break;
            }
            first++;
        }
        int sysStart = sysdataStart(buf, n, first);
        for (int i = sysStart; i < n; i++) {
            applySysdata(buf, i, out);
        }
        if (sysStart > first) {
            KeyValue[] userdata = new KeyValue[sysStart - first];
            for (int i = first; i < sysStart; i++) {
                userdata[i - first] = new KeyValue(string(buf, lineStart[i], keyEnd[i]), value(buf, i));
            }
            out.userdata = List.of(userdata);
        }
    }

    /**
     * Finds the dictionary's lines, into the reused arrays below (one record's worth of lines at a
     * time: the parser is per decoder, so per thread); returns how many.
     */
    private int splitLines(byte[] buf, int from, int to) {
        int n = 0;
        int p = from;
        while (p < to) {
            int nl = ExtendedHeaderParser.indexOf(buf, p, to, (byte) '\n');
            int end = nl < 0 ? to : nl;
            int start = p < end && buf[p] == ' ' ? p + 1 : p;
            if (start < end) {
                if (n == lineStart.length) {
                    grow();
                }
                int eq = ExtendedHeaderParser.indexOf(buf, start, end, (byte) '=');
                lineStart[n] = start;
                keyEnd[n] = eq < 0 ? end : eq;
                lineEnd[n] = end;
                order[n] = sysdataOrder(buf, start, keyEnd[n], end);
                n++;
            }
            p = end + 1;
        }
        return n;
    }

    private void grow() {
        int size = lineStart.length * 2;
        lineStart = Arrays.copyOf(lineStart, size);
        keyEnd = Arrays.copyOf(keyEnd, size);
        lineEnd = Arrays.copyOf(lineEnd, size);
        order = Arrays.copyOf(order, size);
    }

    /** The index of the first sysdata line: the longest tail in sysdata order with valid values. */
    private int sysdataStart(byte[] buf, int n, int floor) {
        int start = n;
        int lastOrder = SYSDATA_ORDER.length;
        while (start > floor) {
            int i = start - 1;
            if (order[i] < 0 || order[i] >= lastOrder || !validSysdataValue(buf, i)) {
                break;
            }
            lastOrder = order[i];
            start--;
        }
        return start;
    }

    /** The line's place in the sysdata order (cpu, taskname, release, msgid), or -1 for other keys. */
    private static int sysdataOrder(byte[] buf, int start, int keyEnd, int end) {
        for (int i = 0; i < SYSDATA_ORDER.length; i++) {
            if (keyEquals(buf, start, keyEnd, end, SYSDATA_ORDER[i])) {
                return i;
            }
        }
        return -1;
    }

    private boolean validSysdataValue(byte[] buf, int i) {
        boolean numeric = order[i] == 0 || order[i] == 3;
        return !numeric || parseDigits(buf, keyEnd[i] + 1, lineEnd[i]) >= 0;
    }

    private void applySysdata(byte[] buf, int i, ExtendedPayload out) {
        switch (order[i]) {
            case 0:
                out.cpu = (int) Math.min(Integer.MAX_VALUE, parseDigits(buf, keyEnd[i] + 1, lineEnd[i]));
                break;
            case 1:
                out.taskname = value(buf, i);
                break;
            case 2:
                out.release = value(buf, i);
                break;
            default:
                out.msgid = parseDigits(buf, keyEnd[i] + 1, lineEnd[i]);
                break;
        }
    }

    /** The value of a non-empty run of at most 18 digits, else -1. */
    private static long parseDigits(byte[] buf, int from, int to) {
        if (from >= to || to - from > 18) {
            return -1;
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            int d = buf[i] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }

    private boolean keyEquals(byte[] buf, int i, String key) {
        return keyEquals(buf, lineStart[i], keyEnd[i], lineEnd[i], key);
    }

    private static boolean keyEquals(byte[] buf, int start, int keyEnd, int end, String key) {
        int len = keyEnd - start;
        if (len != key.length() || keyEnd == end) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            if (buf[start + i] != key.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Userdata and sysdata are appended by netconsole verbatim, so their values are not unescaped. */
    private String value(byte[] buf, int i) {
        return keyEnd[i] < lineEnd[i] ? string(buf, keyEnd[i] + 1, lineEnd[i]) : "";
    }

    /** Device info comes from the printk record and is escaped like the body. */
    private String unescapedValue(byte[] buf, int i) {
        return unescapeToString(buf, keyEnd[i] + 1, lineEnd[i]);
    }

    private String unescapeToString(byte[] buf, int from, int to) {
        if (!Escapes.hasEscape(buf, from, to)) {
            return string(buf, from, to);
        }
        byte[] dst = to - from <= scratch.length ? scratch : new byte[to - from];
        int n = Escapes.unescape(buf, from, to, dst);
        return new String(dst, 0, n, StandardCharsets.UTF_8);
    }

    private static String string(byte[] buf, int from, int to) {
        return new String(buf, from, to - from, StandardCharsets.UTF_8);
    }
}
