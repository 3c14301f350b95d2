package dev.ncbridge.sink.encode;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ncbridge.ingest.record.AddressText;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
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
