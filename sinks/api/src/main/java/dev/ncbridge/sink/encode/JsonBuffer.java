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
    /** Slots of the table of source addresses whose text is kept (a power of two). */
    static final int ADDRESS_TEXTS = 4096;
    /** Slots of the table of keywords whose text is kept (a power of two). */
    static final int KEYWORD_TEXTS = 1024;
    /**
     * Longer keywords are quoted every time, which bounds the table: at most {@link #KEYWORD_TEXTS}
     * texts of {@code 6 × 64 + 2} bytes, under 400 KiB, and a few KiB for the usual short names.
     */
    static final int KEYWORD_MAX_CHARS = 64;
    /** The most words {@link #words(int, long, long, long, long)} writes. */
    static final int MAX_WORDS = 4;
    private static final int INITIAL_BYTES = 1024;
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
    /**
     * The room a number needs: a sign, then its digits written eight at a time, the first eight
     * whole even when fewer are kept (at most 1 + 3 + 8 + 8 bytes for 19 digits).
     */
    private static final int NUMBER_BYTES = 24;
    private static final long EIGHT_DIGITS = 100_000_000L;
    /** 10^0 to 10^18: every power of ten a long holds. */
    private static final long[] POWERS_OF_TEN = new long[19];
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
        POWERS_OF_TEN[0] = 1;
        for (int i = 1; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
        }
    }

    private byte[] buf = new byte[INITIAL_BYTES];
    /** Scratch for the chars of the string being written. */
    private char[] chars = new char[INITIAL_BYTES];
    private int pos;
    /** {@code "name":} of the next value, not yet written; null when none is pending. */
    private byte[] pendingKey;
    /**
     * Source addresses written lately and their text as a JSON string, in slots chosen by
     * identity, as {@link #keywords} are: the decoder keeps one address object per source, a
     * record names it twice ({@code host.ip}, {@code source.ip}) and a source sends many
     * records, while the text costs more than most other fields of a short record (an IPv6
     * address's RFC 5952 text is a copy of sixteen bytes, eight words, a builder and a string;
     * an IPv4 address's, a copy of its four bytes). At most {@link #ADDRESS_TEXTS} addresses and
     * texts of under 100 bytes each.
     */
    private final InetSocketAddress[] addresses = new InetSocketAddress[ADDRESS_TEXTS];
    private final byte[][] addressTexts = new byte[ADDRESS_TEXTS][];
    /**
     * IPv6 addresses' texts by address, behind the slots: with many sources, two share a slot
     * and take it from each other, and remaking an IPv6 text (above) costs far more than
     * looking it up here. At most {@link #ADDRESS_TEXTS} entries, emptied when full rather than evicting
     * with bookkeeping. A scoped address is left out: it equals its unscoped form as a key.
     */
    private final Map<InetAddress, byte[]> ipv6Texts = new HashMap<>();
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

    /**
     * Writes the first {@code length} bytes of the word: text that is JSON already, made into
     * words by {@link AsciiWords#of}, a store per word. What the last word holds past {@code
     * length} lies beyond the document's end, to be written over by what follows.
     */
    void words(int length, long w0) {
        ensure(Long.BYTES);
        AsciiWords.put(buf, pos, w0);
        pos += length;
    }

    /** {@link #words(int, long)} with two words. */
    void words(int length, long w0, long w1) {
        ensure(2 * Long.BYTES);
        byte[] b = buf;
        int p = pos;
        AsciiWords.put(b, p, w0);
        AsciiWords.put(b, p + Long.BYTES, w1);
        pos = p + length;
    }

    /** {@link #words(int, long)} with three words. */
    void words(int length, long w0, long w1, long w2) {
        ensure(3 * Long.BYTES);
        byte[] b = buf;
        int p = pos;
        AsciiWords.put(b, p, w0);
        AsciiWords.put(b, p + Long.BYTES, w1);
        AsciiWords.put(b, p + 2 * Long.BYTES, w2);
        pos = p + length;
    }

    /** {@link #words(int, long)} with four words. */
    void words(int length, long w0, long w1, long w2, long w3) {
        ensure(MAX_WORDS * Long.BYTES);
        byte[] b = buf;
        int p = pos;
        AsciiWords.put(b, p, w0);
        AsciiWords.put(b, p + Long.BYTES, w1);
        AsciiWords.put(b, p + 2 * Long.BYTES, w2);
        AsciiWords.put(b, p + 3 * Long.BYTES, w3);
        pos = p + length;
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

    /**
     * Eight digits at a time, each eight made in one word ({@link AsciiWords#eightDigits}) and
     * written in one store; the digits before the first are dropped by
     * shifting them out. The kernel's sequence numbers and times have ten or more digits.
     */
    @Override
    public void number(long value) {
        beginValue();
        ensure(NUMBER_BYTES);
        if (value < 0) {
            if (value == Long.MIN_VALUE) {
                ascii(Long.toString(value));
                return;
            }
            buf[pos++] = '-';
            value = -value;
        }
        if (value < 10) {
            buf[pos++] = (byte) ('0' + value);
            return;
        }
        int digits = digits(value);
        if (digits <= 8) {
            eight((int) value, 8 - digits);
        } else if (digits <= 16) {
            long high = value / EIGHT_DIGITS;
            eight((int) high, 16 - digits);
            eight((int) (value - high * EIGHT_DIGITS), 0);
        } else {
            long high = value / EIGHT_DIGITS;
            long top = high / EIGHT_DIGITS;
            eight((int) top, 24 - digits);
            eight((int) (high - top * EIGHT_DIGITS), 0);
            eight((int) (value - high * EIGHT_DIGITS), 0);
        }
    }

    /**
     * Writes the eight digits of {@code v} (below 10^8) but the first {@code skip}, in one
     * store of eight bytes: those past the digits lie beyond the document's end, to be
     * written over by what follows ({@link #NUMBER_BYTES} leaves room for them).
     */
    private void eight(int v, int skip) {
        AsciiWords.put(buf, pos, AsciiWords.eightDigits(v) >>> (skip * Byte.SIZE));
        pos += 8 - skip;
    }

    /**
     * The decimal digits of a value that is not negative, without division: its bit length
     * times log10 2 ({@code 1233 / 4096}, just above it) gives {@code t}, and the value has
     * {@code t + 1} digits if it reaches 10^t, else {@code t}. Setting the lowest bit changes
     * neither for any value but 0, which it gives its one digit.
     */
    private static int digits(long value) {
        long odd = value | 1;
        int t = (Long.SIZE - Long.numberOfLeadingZeros(odd)) * 1233 >>> 12;
        return t + (odd >= POWERS_OF_TEN[t] ? 1 : 0);
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

    /** In {@link AddressText}'s form, kept per address object. */
    @Override
    public void address(InetSocketAddress socket) {
        beginValue();
        int slot = System.identityHashCode(socket) & (ADDRESS_TEXTS - 1);
        if (addresses[slot] != socket) {
            addressTexts[slot] = quotedText(socket);
            addresses[slot] = socket;
        }
        copy(addressTexts[slot]);
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

    /**
     * The address's text as a JSON string, written at the end of the buffer and taken back:
     * IPv4 from its four bytes, which is what most sources are and is cheap; else through
     * {@link AddressText}, for IPv6 once per address ({@link #ipv6Texts}).
     */
    private byte[] quotedText(InetSocketAddress socket) {
        InetAddress address = socket.getAddress();
        boolean keep = address instanceof Inet6Address v6 && v6.getScopeId() == 0;
        if (keep) {
            byte[] kept = ipv6Texts.get(address);
            if (kept != null) {
                return kept;
            }
        }
        int start = pos;
        if (address instanceof Inet4Address v4) {
            byte[] octets = v4.getAddress();
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
        } else {
            quoted(AddressText.of(socket));
        }
        byte[] text = Arrays.copyOfRange(buf, start, pos);
        pos = start;
        if (keep) {
            if (ipv6Texts.size() >= ADDRESS_TEXTS) {
                ipv6Texts.clear();
            }
            ipv6Texts.put(address, text);
        }
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
    @SuppressWarnings("deprecation") // getBytes(int, int, byte[], int): exact for chars below 0x100, as these are
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
        // Most text is ASCII that needs no escape: the run of it is found with no stores, and
        // copied in one call, which for such chars is a copy of their low bytes.
        int ascii = 0;
        while (ascii < n) {
            char ch = c[ascii];
            if ((char) (ch - 0x20) >= 0x60 || ch == '"' || ch == '\\') {
                break;
            }
            ascii++;
        }
        s.getBytes(0, ascii, b, p);
        p += ascii;
        for (int i = ascii; i < n; i++) {
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
