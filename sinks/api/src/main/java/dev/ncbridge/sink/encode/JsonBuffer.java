package dev.ncbridge.sink.encode;

import dev.ncbridge.ingest.record.AddressText;
import dev.ncbridge.ingest.record.Field;
import dev.ncbridge.ingest.record.KeyValue;
import dev.ncbridge.ingest.record.Record;
import dev.ncbridge.ingest.record.ValueWriter;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One JSON document being written as UTF-8 into a growable byte array, meant to be reused for
 * document after document by one thread. Hand-written rather than a Jackson generator because a
 * generator per record (and Jackson's buffer recycling behind it) cost more than the whole rest
 * of encoding; measurements are in docs/performance.md.
 *
 * <p>Members are written with a pending key: {@link #member} names the next value, and the key
 * is written only if a value follows, so an absent field costs nothing to take back. An object
 * is taken back whole with {@link #endObject} when nothing was written into it.
 *
 * <p>Escaping is Jackson's, so output did not change with the switch: {@code "}, {@code \},
 * and control characters are escaped ({@code \n}, or backslash-u and four hex digits); other text
 * is UTF-8, except UTF-16 surrogates, which are written as backslash-u escapes too, so a lone surrogate
 * survives as what it was instead of being lost or replaced.
 */
final class JsonBuffer implements ValueWriter {
    /** A buffer grown past this by one large record is dropped afterwards, so memory stays bounded. */
    static final int RETAINED_BYTES = 64 * 1024;
    /** IPv6 addresses whose text is kept; the cache is emptied when it holds this many. */
    static final int ADDRESS_TEXTS = 4096;
    /** Slots of the table of keywords whose text is kept (a power of two). */
    static final int KEYWORD_TEXTS = 1024;
    /**
     * Longer keywords are quoted every time, which bounds the table: at most {@link #KEYWORD_TEXTS}
     * texts of {@code 6 × 64 + 2} bytes, under 400 KiB, and a few KiB for the usual short names.
     */
    static final int KEYWORD_MAX_CHARS = 64;
    private static final int INITIAL_BYTES = 1024;
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
    /** The tens and the ones digit of 0..99, so that a number is written two digits per division. */
    private static final byte[] TENS = new byte[100];
    private static final byte[] ONES = new byte[100];
    /** For characters below 0x80: 0 to copy, else the escape letter ({@code u} for backslash-u and four hex digits). */
    private static final byte[] ESCAPE = new byte[128];

    static {
        for (int c = 0; c < 0x20; c++) {
            ESCAPE[c] = 'u';
        }
        ESCAPE['\n'] = 'n';
        ESCAPE['\r'] = 'r';
        ESCAPE['\t'] = 't';
        ESCAPE['\b'] = 'b';
        ESCAPE['\f'] = 'f';
        ESCAPE['"'] = '"';
        ESCAPE['\\'] = '\\';
        for (int i = 0; i < 100; i++) {
            TENS[i] = (byte) ('0' + i / 10);
            ONES[i] = (byte) ('0' + i % 10);
        }
    }

    private byte[] buf = new byte[INITIAL_BYTES];
    /** Scratch for the chars of the string being written. */
    private char[] chars = new char[INITIAL_BYTES];
    private int pos;
    /** {@code "name":} of the next value, not yet written; null when none is pending. */
    private byte[] pendingKey;
    /**
     * IPv6 addresses written lately and their text as a JSON string. A record names its source
     * twice ({@code host.ip}, {@code source.ip}) and a source sends many records, while the
     * RFC 5952 text costs more than all the other fields of a short record (a copy of the
     * sixteen bytes, eight words, a builder and a string). At most {@link #ADDRESS_TEXTS}
     * entries of under 100 bytes each: emptied when full rather than evicting with bookkeeping.
     */
    private final Map<InetAddress, byte[]> addressTexts = new HashMap<>();
    /**
     * {@linkplain #keyword Keywords} written lately and their text as a JSON string, in slots
     * chosen by identity: a table with no bookkeeping, where a keyword whose slot another took
     * is quoted again. Identity, not equality: the point is to skip reading the string at all.
     */
    private final String[] keywords = new String[KEYWORD_TEXTS];
    private final byte[][] keywordTexts = new byte[KEYWORD_TEXTS][];

    /** {@code "name":} as UTF-8, to pass to {@link #member} and {@link #startObject}. */
    static byte[] key(String name) {
        JsonBuffer b = new JsonBuffer();
        b.quoted(name);
        b.put((byte) ':');
        return Arrays.copyOf(b.buf, b.pos);
    }

    /** {@code field}'s value in {@code r} as JSON, alone. */
    static byte[] value(Field field, Record r) {
        JsonBuffer b = new JsonBuffer();
        field.write(r, b);
        return Arrays.copyOf(b.buf, b.pos);
    }

    /** Empties the buffer for the next document, dropping it if one large document grew it past {@link #RETAINED_BYTES}. */
    void reset() {
        if (buf.length > RETAINED_BYTES) {
            buf = new byte[INITIAL_BYTES];
        }
        if (chars.length > RETAINED_BYTES) {
            chars = new char[INITIAL_BYTES];
        }
        pos = 0;
        pendingKey = null;
    }

    byte[] array() {
        return buf;
    }

    int length() {
        return pos;
    }

    /** Writes bytes that are JSON already: a layout's text between two values. */
    void raw(byte[] json) {
        copy(json);
    }

    /** Opens the document. */
    void startDocument() {
        put((byte) '{');
    }

    void endDocument() {
        put((byte) '}');
    }

    /** Names the next value; nothing is written unless a value follows. */
    void member(byte[] key) {
        pendingKey = key;
    }

    /** Opens an object member; returns the mark to pass to {@link #endObject}. */
    int startObject(byte[] key) {
        int mark = pos;
        pendingKey = key;
        beginValue();
        put((byte) '{');
        return mark;
    }

    /** Closes the object opened at {@code mark}, or takes it back whole if nothing went into it. */
    void endObject(int mark) {
        pendingKey = null;
        if (buf[pos - 1] == '{') {
            pos = mark;
        } else {
            put((byte) '}');
        }
    }

    @Override
    public void string(String value) {
        beginValue();
        quoted(value);
    }

    /**
     * Kept by identity: the enum texts and constants a field names are the same string objects
     * record after record, and so is a source's name, so the common case is one lookup and one
     * copy instead of quoting the characters again.
     */
    @Override
    public void keyword(String value) {
        beginValue();
        int slot = System.identityHashCode(value) & (KEYWORD_TEXTS - 1);
        if (keywords[slot] == value) {
            copy(keywordTexts[slot]);
            return;
        }
        int start = pos;
        quoted(value);
        if (value.length() <= KEYWORD_MAX_CHARS) {
            keywords[slot] = value;
            keywordTexts[slot] = Arrays.copyOfRange(buf, start, pos);
        }
    }

    /** Two digits per division, from the last: the kernel's sequence numbers and times have ten or more. */
    @Override
    public void number(long value) {
        beginValue();
        ensure(20);
        if (value < 0) {
            if (value == Long.MIN_VALUE) {
                ascii(Long.toString(value));
                return;
            }
            buf[pos++] = '-';
            value = -value;
        }
        int end = pos + digits(value);
        int i = end;
        while (value >= 100) {
            int twoDigits = (int) (value % 100);
            value /= 100;
            buf[--i] = ONES[twoDigits];
            buf[--i] = TENS[twoDigits];
        }
        if (value >= 10) {
            buf[--i] = ONES[(int) value];
            buf[--i] = TENS[(int) value];
        } else {
            buf[--i] = (byte) ('0' + value);
        }
        pos = end;
    }

    /** The decimal digits of a value that is not negative: comparisons, no division. */
    private static int digits(long value) {
        long bound = 10;
        for (int digits = 1; digits < 19; digits++) {
            if (value < bound) {
                return digits;
            }
            bound *= 10;
        }
        return 19;
    }

    @Override
    public void bool(boolean value) {
        beginValue();
        copy(value ? TRUE : FALSE);
    }

    @Override
    public void time(long epochNanos) {
        beginValue();
        ensure(TimestampFormatter.LENGTH + 2);
        buf[pos++] = '"';
        TimestampFormatter.write(epochNanos, buf, pos);
        pos += TimestampFormatter.LENGTH;
        buf[pos++] = '"';
    }

    /** IPv4 is written from its four bytes; IPv6 in {@link AddressText}'s form, kept per address. */
    @Override
    public void address(InetSocketAddress socket) {
        InetAddress address = socket.getAddress();
        if (address instanceof Inet6Address v6 && v6.getScopeId() == 0) {
            beginValue();
            byte[] text = addressTexts.get(v6);
            if (text == null) {
                text = quotedText(v6);
                if (addressTexts.size() >= ADDRESS_TEXTS) {
                    addressTexts.clear();
                }
                addressTexts.put(v6, text);
            }
            copy(text);
            return;
        }
        if (!(address instanceof Inet4Address)) {
            // A scoped address (equal to its unscoped form as a key) or an unresolved one.
            string(address != null ? AddressText.of(address) : socket.getHostString());
            return;
        }
        beginValue();
        byte[] octets = address.getAddress();
        ensure(17);
        buf[pos++] = '"';
        for (int i = 0; i < 4; i++) {
            if (i > 0) {
                buf[pos++] = '.';
            }
            int octet = octets[i] & 0xff;
            if (octet >= 100) {
                buf[pos++] = (byte) ('0' + octet / 100);
            }
            if (octet >= 10) {
                buf[pos++] = (byte) ('0' + octet / 10 % 10);
            }
            buf[pos++] = (byte) ('0' + octet % 10);
        }
        buf[pos++] = '"';
    }

    /** As text; bytes that are not UTF-8 become U+FFFD (the raw encoding keeps them exactly). */
    @Override
    public void bytes(byte[] value) {
        string(new String(value, StandardCharsets.UTF_8));
    }

    /**
     * An object in arrival order. A key may repeat, and JSON objects must not, so a repeated key
     * becomes an array of all its values, placed where the key first appeared. The kernel allows
     * only a handful of entries, so the quadratic scan beats allocating a map.
     */
    @Override
    public void pairs(List<KeyValue> pairs) {
        beginValue();
        put((byte) '{');
        int n = pairs.size();
        for (int i = 0; i < n; i++) {
            String key = pairs.get(i).key();
            if (indexOfKey(pairs, key, 0, i) >= 0) {
                continue; // already written with its first occurrence
            }
            comma();
            quoted(key);
            put((byte) ':');
            if (indexOfKey(pairs, key, i + 1, n) < 0) {
                quoted(pairs.get(i).value());
                continue;
            }
            put((byte) '[');
            for (int j = i; j < n; j++) {
                if (pairs.get(j).key().equals(key)) {
                    if (j > i) {
                        put((byte) ',');
                    }
                    quoted(pairs.get(j).value());
                }
            }
            put((byte) ']');
        }
        put((byte) '}');
    }

    @Override
    public void details(Map<String, Object> details) {
        beginValue();
        object(details);
    }

    @Override
    public void rows(List<Map<String, Object>> rows) {
        beginValue();
        put((byte) '[');
        for (Map<String, Object> row : rows) {
            comma();
            object(row);
        }
        put((byte) ']');
    }

    /** An object of named values: strings, whole numbers, booleans. */
    private void object(Map<String, Object> values) {
        put((byte) '{');
        for (Map.Entry<String, Object> value : values.entrySet()) {
            comma();
            quoted(value.getKey());
            put((byte) ':');
            Object v = value.getValue();
            if (v instanceof Long || v instanceof Integer) {
                number(((Number) v).longValue());
            } else if (v instanceof Boolean b) {
                bool(b);
            } else {
                quoted(v.toString());
            }
        }
        put((byte) '}');
    }

    /** The address's text as a JSON string, written at the end of the buffer and taken back. */
    private byte[] quotedText(InetAddress address) {
        int start = pos;
        quoted(AddressText.of(address));
        byte[] text = Arrays.copyOfRange(buf, start, pos);
        pos = start;
        return text;
    }

    /** The first index in {@code [from, to)} whose key is {@code key}, or -1. */
    private static int indexOfKey(List<KeyValue> pairs, String key, int from, int to) {
        for (int i = from; i < to; i++) {
            if (pairs.get(i).key().equals(key)) {
                return i;
            }
        }
        return -1;
    }

    /** Writes the pending key, after a comma unless the value is the first in its object or array. */
    private void beginValue() {
        byte[] key = pendingKey;
        if (key != null) {
            pendingKey = null;
            comma();
            copy(key);
        }
    }

    private void comma() {
        byte last = buf[pos - 1];
        if (last != '{' && last != '[' && last != ':') {
            put((byte) ',');
        }
    }

    /**
     * A JSON string: every char takes at most 6 bytes (a backslash-u escape), so one check
     * covers it. The chars are copied out in one bulk call first: indexing the array is cheaper
     * than {@code String.charAt}, which checks the string's coder and bounds on every call.
     */
    private void quoted(String s) {
        int n = s.length();
        ensure(6 * n + 2);
        if (chars.length < n) {
            chars = new char[Math.max(n, 2 * chars.length)];
        }
        char[] c = chars;
        s.getChars(0, n, c, 0);
        byte[] b = buf;
        int p = pos;
        b[p++] = '"';
        for (int i = 0; i < n; i++) {
            char ch = c[i];
            if (ch < 0x80) {
                byte escape = ESCAPE[ch];
                if (escape == 0) {
                    b[p++] = (byte) ch;
                } else if (escape != 'u') {
                    b[p++] = '\\';
                    b[p++] = escape;
                } else {
                    p = unicodeEscape(b, p, ch);
                }
            } else if (ch < 0x800) {
                b[p++] = (byte) (0xc0 | ch >> 6);
                b[p++] = (byte) (0x80 | ch & 0x3f);
            } else if (Character.isSurrogate(ch)) {
                p = unicodeEscape(b, p, ch);
            } else {
                b[p++] = (byte) (0xe0 | ch >> 12);
                b[p++] = (byte) (0x80 | ch >> 6 & 0x3f);
                b[p++] = (byte) (0x80 | ch & 0x3f);
            }
        }
        b[p++] = '"';
        pos = p;
    }

    private static int unicodeEscape(byte[] b, int p, char c) {
        b[p++] = '\\';
        b[p++] = 'u';
        b[p++] = HEX[c >> 12];
        b[p++] = HEX[c >> 8 & 0xf];
        b[p++] = HEX[c >> 4 & 0xf];
        b[p++] = HEX[c & 0xf];
        return p;
    }

    private void ascii(String s) {
        ensure(s.length());
        for (int i = 0; i < s.length(); i++) {
            buf[pos++] = (byte) s.charAt(i);
        }
    }

    private void copy(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, pos, bytes.length);
        pos += bytes.length;
    }

    private void put(byte b) {
        ensure(1);
        buf[pos++] = b;
    }

    private void ensure(int more) {
        if (buf.length - pos < more) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + more));
        }
    }
}
