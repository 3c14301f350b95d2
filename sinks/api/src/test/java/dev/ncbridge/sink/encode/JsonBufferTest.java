package dev.ncbridge.sink.encode;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ncbridge.ingest.record.AddressText;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
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
     * IPv6 texts are kept per address: every address, seen first or again, after the cache
     * was emptied for being full, or with a scope (which the cache must not confuse with the
     * address without it), is written in AddressText's one spelling.
     */
    @Test
    void ipv6AddressesAreWrittenInTheOneSpellingWhateverTheCacheHolds() throws UnknownHostException {
        JsonBuffer b = new JsonBuffer();
        InetAddress first = InetAddress.getByName("2001:db8::1");
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i <= JsonBuffer.ADDRESS_TEXTS; i++) {
                InetAddress a = InetAddress.getByName("2001:db8::" + Integer.toHexString(i + 1));
                assertThat(written(b, a)).isEqualTo("\"" + AddressText.of(a) + "\"");
            }
        }
        assertThat(written(b, first)).isEqualTo("\"2001:db8::1\"");
        InetAddress linkLocal = InetAddress.getByName("fe80::1");
        Inet6Address scoped = Inet6Address.getByAddress(null, linkLocal.getAddress(), 2);
        assertThat(written(b, linkLocal)).isEqualTo("\"fe80::1\"");
        assertThat(written(b, scoped)).isEqualTo("\"fe80::1%2\"");
        assertThat(written(b, linkLocal)).isEqualTo("\"fe80::1\"");
    }

    /** Every digit count from 1 to 19, at both ends: the two-digits-per-division writer's edges. */
    @Test
    void everyLengthOfNumberIsWrittenAsJavaSpellsIt() {
        JsonBuffer b = new JsonBuffer();
        List<Long> values = new ArrayList<>(List.of(0L, 1_000_000_000_000_000_000L, Long.MAX_VALUE, -1L, -10L, -99L));
        for (long power = 1; power <= 100_000_000_000_000_000L; power *= 10) {
            values.addAll(List.of(power, power * 10 - 1, power + 1, power * 9 + power / 2));
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

    private static String written(JsonBuffer b, InetAddress address) {
        b.reset();
        b.startDocument();
        b.member(JsonBuffer.key("ip"));
        b.address(new InetSocketAddress(address, 6666));
        b.endDocument();
        String doc = text(b);
        return doc.substring("{\"ip\":".length(), doc.length() - 1);
    }
}
