package dev.ncbridge.sink.encode;

import static org.assertj.core.api.Assertions.assertThat;

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
}
