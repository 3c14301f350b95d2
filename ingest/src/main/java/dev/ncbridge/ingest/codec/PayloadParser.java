package dev.ncbridge.ingest.codec;

import dev.ncbridge.ingest.record.KeyValue;
import dev.ncbridge.ingest.record.Record;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
        out.cpu = Record.ABSENT;
        out.taskname = null;
        out.release = null;
        out.msgid = Record.ABSENT;
        if (newline >= 0 && newline + 1 < to) {
            parseDictionary(buf, newline + 1, to, out);
        }
    }

    private void parseDictionary(byte[] buf, int from, int to, ExtendedPayload out) {
        List<int[]> lines = new ArrayList<>(8);
        int p = from;
        while (p < to) {
            int nl = ExtendedHeaderParser.indexOf(buf, p, to, (byte) '\n');
            int lineEnd = nl < 0 ? to : nl;
            int lineStart = p < lineEnd && buf[p] == ' ' ? p + 1 : p;
            if (lineStart < lineEnd) {
                int eq = ExtendedHeaderParser.indexOf(buf, lineStart, lineEnd, (byte) '=');
                lines.add(new int[] {lineStart, eq < 0 ? lineEnd : eq, lineEnd});
            }
            p = lineEnd + 1;
        }
        int n = lines.size();
        int first = 0;
        while (first < n) {
            int[] l = lines.get(first);
            if (keyEquals(buf, l, "SUBSYSTEM")) {
                out.subsystem = unescapedValue(buf, l);
            } else if (keyEquals(buf, l, "DEVICE")) {
                out.device = unescapedValue(buf, l);
            } else {
                break;
            }
            first++;
        }
        int sysStart = sysdataStart(buf, lines, first);
        for (int i = sysStart; i < n; i++) {
            applySysdata(buf, lines.get(i), out);
        }
        if (sysStart > first) {
            List<KeyValue> userdata = new ArrayList<>(sysStart - first);
            for (int i = first; i < sysStart; i++) {
                int[] l = lines.get(i);
                userdata.add(new KeyValue(string(buf, l[0], l[1]), value(buf, l)));
            }
            out.userdata = userdata;
        }
    }

    /** The index of the first sysdata line: the longest tail in sysdata order with valid values. */
    private static int sysdataStart(byte[] buf, List<int[]> lines, int floor) {
        int start = lines.size();
        int lastOrder = SYSDATA_ORDER.length;
        while (start > floor) {
            int[] l = lines.get(start - 1);
            int order = sysdataOrder(buf, l);
            if (order < 0 || order >= lastOrder || !validSysdataValue(buf, l, order)) {
                break;
            }
            lastOrder = order;
            start--;
        }
        return start;
    }

    private static int sysdataOrder(byte[] buf, int[] l) {
        for (int i = 0; i < SYSDATA_ORDER.length; i++) {
            if (keyEquals(buf, l, SYSDATA_ORDER[i])) {
                return i;
            }
        }
        return -1;
    }

    private static boolean validSysdataValue(byte[] buf, int[] l, int order) {
        boolean numeric = order == 0 || order == 3;
        return !numeric || parseDigits(buf, l[1] + 1, l[2]) >= 0;
    }

    private static void applySysdata(byte[] buf, int[] l, ExtendedPayload out) {
        switch (sysdataOrder(buf, l)) {
            case 0:
                out.cpu = (int) Math.min(Integer.MAX_VALUE, parseDigits(buf, l[1] + 1, l[2]));
                break;
            case 1:
                out.taskname = value(buf, l);
                break;
            case 2:
                out.release = value(buf, l);
                break;
            default:
                out.msgid = parseDigits(buf, l[1] + 1, l[2]);
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

    private static boolean keyEquals(byte[] buf, int[] l, String key) {
        int len = l[1] - l[0];
        if (len != key.length() || l[1] == l[2]) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            if (buf[l[0] + i] != key.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Userdata and sysdata are appended by netconsole verbatim, so their values are not unescaped. */
    private static String value(byte[] buf, int[] l) {
        return l[1] < l[2] ? string(buf, l[1] + 1, l[2]) : "";
    }

    /** Device info comes from the printk record and is escaped like the body. */
    private String unescapedValue(byte[] buf, int[] l) {
        return unescapeToString(buf, l[1] + 1, l[2]);
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
