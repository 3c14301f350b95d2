package dev.ncbridge.ingest.ping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PingTextTest {
    private static final String NONCE = "0123456789abcdef0123456789abcdef";

    @Test
    void textReadsBackAsTheSamePing() {
        PingText ping = new PingText(NONCE, "kmsg", "t1");

        assertThat(ping.text()).isEqualTo("ncbridge-ping nonce=" + NONCE + " via=kmsg target=t1");
        assertThat(PingText.parse(ping.text())).isEqualTo(ping);
        assertThat(PingText.parse(ping.text() + "\n")).as("a trailing newline, as legacy lines have")
                .isEqualTo(ping);
    }

    @Test
    void otherMessagesAreNotPings() {
        assertThat(PingText.parse("ncbridge-pingpong nonce=" + NONCE + " via=udp target=t")).isNull();
        assertThat(PingText.parse("ncbridge-ping nonce=XYZ via=udp target=t")).as("not hex").isNull();
        assertThat(PingText.parse("ncbridge-ping nonce=" + NONCE + " via=udp")).as("no target").isNull();
        assertThat(PingText.parse("oops: ncbridge-ping nonce=" + NONCE + " via=udp target=t")).isNull();
        assertThat(PingText.parse(null)).isNull();
    }

    @Test
    void badFieldsAreRefused() {
        assertThatThrownBy(() -> new PingText("ABC", "udp", "t")).hasMessageContaining("hex");
        assertThatThrownBy(() -> new PingText(NONCE, "udp", "two words")).hasMessageContaining("spaces");
    }

    @Test
    void userSpacePingsAreRecognisedInTheRawBody() {
        byte[] udp = ("x" + new PingText(NONCE, "udp", "t1").text() + "\n cpu=1\n").getBytes(StandardCharsets.US_ASCII);
        byte[] kmsg = new PingText(NONCE, "kmsg", "t1").text().getBytes(StandardCharsets.US_ASCII);
        byte[] viaInDictionary = ("ncbridge-ping nonce=" + NONCE + "\n via=udp target").getBytes(StandardCharsets.US_ASCII);

        assertThat(PingText.isUserSpace(udp, 1, udp.length)).isTrue();
        assertThat(PingText.isUserSpace(udp, 0, udp.length)).as("the marker must start the body").isFalse();
        assertThat(PingText.isUserSpace(kmsg, 0, kmsg.length)).isFalse();
        assertThat(PingText.isUserSpace(viaInDictionary, 0, viaInDictionary.length))
                .as("only the text line counts, not the dictionary").isFalse();
        assertThat(PingText.isUserSpace(udp, 1, 10)).isFalse();
    }
}
