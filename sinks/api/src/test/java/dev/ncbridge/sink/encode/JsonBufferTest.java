package dev.ncbridge.sink.encode;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ncbridge.ingest.record.AddressText;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JsonBufferTest {
    private static String text(JsonBuffer b) {
        return new String(b.array(), 0, b.length(), StandardCharsets.UTF_8);
    }

    @Test
    void anObjectWithNothingInItIsTakenBackWithItsKey() {
        JsonBuffer b = new JsonBuffer();
        b.startDocument();
        b.member(JsonBuffer.key("a"));
        b.number(1);
        int mark = b.startObject(JsonBuffer.key("empty"));
        b.member(JsonBuffer.key("never"));
        b.endObject(mark);
        b.member(JsonBuffer.key("b"));
        b.bool(true);
        b.endDocument();

        assertThat(text(b)).isEqualTo("{\"a\":1,\"b\":true}");
    }

    @Test
    void aBufferGrownPastTheBoundIsDroppedAtTheNextReset() {
        JsonBuffer b = new JsonBuffer();
        b.startDocument();
        b.member(JsonBuffer.key("m"));
        b.string("y".repeat(JsonBuffer.RETAINED_BYTES));
        b.endDocument();
        assertThat(b.array().length).isGreaterThan(JsonBuffer.RETAINED_BYTES);

        b.reset();

        assertThat(b.array().length).isLessThanOrEqualTo(JsonBuffer.RETAINED_BYTES);
        assertThat(b.length()).isZero();
    }

    @Test
    void negativeAndExtremeNumbersAreWritten() {
        JsonBuffer b = new JsonBuffer();
        b.startDocument();
        b.member(JsonBuffer.key("n"));
        b.number(-42);
        b.member(JsonBuffer.key("min"));
        b.number(Long.MIN_VALUE);
        b.endDocument();

        assertThat(text(b)).isEqualTo("{\"n\":-42,\"min\":" + Long.MIN_VALUE + "}");
    }

    /**
     * Address texts are kept per address object, in slots, and IPv6 ones also by address:
     * every address, IPv4 or IPv6, seen first or again, after its slot was taken by another, as
     * another object equal to it, with a scope (which must not be confused with the address
     * without it), or never resolved, is written in AddressText's one spelling.
     */
    @Test
    void addressesAreWrittenInTheOneSpellingWhateverTheTableHolds() throws UnknownHostException {
        JsonBuffer b = new JsonBuffer();
        List<InetSocketAddress> sockets = new ArrayList<>();
        for (int i = 0; i <= 2 * JsonBuffer.ADDRESS_TEXTS; i++) {
            sockets.add(new InetSocketAddress(InetAddress.getByName("2001:db8::" + Integer.toHexString(i + 1)), 6666));
            sockets.add(new InetSocketAddress(InetAddress.getByName("10.0." + i / 256 + "." + i % 256), 6666));
        }
        for (int round = 0; round < 2; round++) {
            for (InetSocketAddress socket : sockets) {
                assertThat(written(b, socket)).isEqualTo("\"" + AddressText.of(socket) + "\"");
                assertThat(written(b, socket)).isEqualTo("\"" + AddressText.of(socket) + "\"");
            }
        }
        assertThat(written(b, sockets.get(0))).isEqualTo("\"2001:db8::1\"");
        assertThat(written(b, sockets.get(1))).isEqualTo("\"10.0.0.0\"");
        assertThat(written(b, new InetSocketAddress("10.0.0.0", 6666))).isEqualTo("\"10.0.0.0\"");
        assertThat(written(b, new InetSocketAddress("2001:db8::1", 6666))).isEqualTo("\"2001:db8::1\"");
        InetAddress linkLocal = InetAddress.getByName("fe80::1");
        InetSocketAddress unscoped = new InetSocketAddress(linkLocal, 6666);
        InetSocketAddress scoped = new InetSocketAddress(Inet6Address.getByAddress(null, linkLocal.getAddress(), 2), 6666);
        assertThat(written(b, unscoped)).isEqualTo("\"fe80::1\"");
        assertThat(written(b, scoped)).isEqualTo("\"fe80::1%2\"");
        assertThat(written(b, unscoped)).isEqualTo("\"fe80::1\"");
        assertThat(written(b, InetSocketAddress.createUnresolved("web-42", 6666))).isEqualTo("\"web-42\"");
    }

    /**
     * A run of ASCII that needs no escape is copied as the low bytes of its chars, so the run
     * must end at every char that is not such: a control char, a quote, a backslash, and every
     * char above 0x7F, including those whose low byte would pass for ASCII ({@code Ł} is
     * U+0141, {@code 䅁} U+4141), at the start, in the middle and at the end of the text.
     */
    @Test
    void textIsWrittenExactlyWhereverItsAsciiRunsEnd() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        JsonBuffer b = new JsonBuffer();
        String[] stops = {"\u0000", "\n", "\u001f", "\"", "\\", "\u007f", "\u0080", "é", "ÿ", "Ł", "䅁", "\uD83D\uDE00",
            "\uDE00"};
        for (String stop : stops) {
            for (String text : List.of(stop, "link up " + stop, stop + " link up", "a" + stop + "b" + stop + "c", "")) {
                String json = writtenValue(b, () -> b.string(text));
                assertThat(mapper.readValue(json, String.class)).as("%s", json).isEqualTo(text);
                assertThat(json).as("%s", json).isEqualTo(writtenValue(b, () -> b.keyword(new String(text))));
            }
        }
        assertThat(writtenValue(b, () -> b.string("a Ł b"))).isEqualTo("\"a Ł b\"");
    }

    /**
     * Every digit count from 1 to 19, at both ends (the edges of the eight-digit words and of
     * the digits dropped from the first), and random values of every magnitude, both signs.
     */
    @Test
    void everyLengthOfNumberIsWrittenAsJavaSpellsIt() {
        JsonBuffer b = new JsonBuffer();
        List<Long> values = new ArrayList<>(List.of(0L, 1_000_000_000_000_000_000L, Long.MAX_VALUE, -1L, -10L, -99L,
                Long.MIN_VALUE + 1));
        for (long power = 1; power <= 100_000_000_000_000_000L; power *= 10) {
            values.addAll(List.of(power, power * 10 - 1, power + 1, power * 9 + power / 2, -power, 1 - power * 10));
        }
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            values.add(random.nextLong() >> random.nextInt(Long.SIZE));
        }
        for (long value : values) {
            b.reset();
            b.startDocument();
            b.member(JsonBuffer.key("n"));
            b.number(value);
            b.endDocument();
            assertThat(text(b)).as("%d", value).isEqualTo("{\"n\":" + value + "}");
        }
    }

    /**
     * Keywords are kept by identity in a table of slots: a keyword written again, an equal
     * string that is another object, more keywords than slots, and keywords too long to keep
     * (with characters that need escaping) are all written as their own text.
     */
    @Test
    void keywordsAreWrittenAsTheirOwnTextWhateverTheTableHolds() {
        JsonBuffer b = new JsonBuffer();
        List<String> keywords = new ArrayList<>();
        for (int i = 0; i < 3 * JsonBuffer.KEYWORD_TEXTS; i++) {
            keywords.add("host-" + i + (i % 7 == 0 ? "-é\"\\\n" : ""));
        }
        keywords.add("x".repeat(JsonBuffer.KEYWORD_MAX_CHARS + 1) + "\"");
        for (int round = 0; round < 2; round++) {
            for (String keyword : keywords) {
                assertThat(writtenKeyword(b, keyword)).isEqualTo(writtenString(keyword));
                assertThat(writtenKeyword(b, new String(keyword))).isEqualTo(writtenString(keyword));
            }
        }
        assertThat(writtenKeyword(b, "host-7-é\"\\\n")).isEqualTo("\"host-7-é\\\"\\\\\\n\"");
    }

    private static String writtenKeyword(JsonBuffer b, String keyword) {
        return writtenValue(b, () -> b.keyword(keyword));
    }

    private static String writtenString(String value) {
        JsonBuffer b = new JsonBuffer();
        return writtenValue(b, () -> b.string(value));
    }

    private static String writtenValue(JsonBuffer b, Runnable value) {
        b.reset();
        b.startDocument();
        b.member(JsonBuffer.key("k"));
        value.run();
        b.endDocument();
        String doc = text(b);
        return doc.substring("{\"k\":".length(), doc.length() - 1);
    }

    private static String written(JsonBuffer b, InetSocketAddress socket) {
        return writtenValue(b, () -> b.address(socket));
    }
}
