package dev.ncbridge.ingest.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ncbridge.ingest.record.EventType;
import dev.ncbridge.ingest.record.KernelMessage;
import dev.ncbridge.ingest.record.Ping;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PingsTest {
    private static final String NONCE = "0123456789abcdef0123456789abcdef";

    @Test
    void textReadsBackAsTheSamePing() {
        Ping ping = new Ping(NONCE, "kmsg", "t1");

        assertThat(ping.text()).isEqualTo("ncbridge-ping nonce=" + NONCE + " via=kmsg target=t1");
        assertThat(Pings.parse(ping.text())).isEqualTo(ping);
        assertThat(Pings.parse(ping.text() + "\n")).as("a trailing newline, as legacy lines have")
                .isEqualTo(ping);
        assertThat(ping.fromUserSpace()).isFalse();
        assertThat(new Ping(NONCE, "udp", "t1").fromUserSpace()).isTrue();
    }

    @Test
    void otherMessagesAreNotPings() {
        assertThat(Pings.parse("ncbridge-pingpong nonce=" + NONCE + " via=udp target=t")).isNull();
        assertThat(Pings.parse("ncbridge-ping nonce=XYZ via=udp target=t")).as("not hex").isNull();
        assertThat(Pings.parse("ncbridge-ping nonce=" + NONCE + " via=udp")).as("no target").isNull();
        assertThat(Pings.parse("oops: ncbridge-ping nonce=" + NONCE + " via=udp target=t")).isNull();
    }

    @Test
    void badFieldsAreRefused() {
        assertThatThrownBy(() -> new Ping("ABC", "udp", "t")).hasMessageContaining("hex");
        assertThatThrownBy(() -> new Ping(NONCE, "udp", "two words")).hasMessageContaining("spaces");
    }

    @Test
    void userSpacePingsAreRecognisedInTheRawBody() {
        byte[] udp = ("x" + new Ping(NONCE, "udp", "t1").text() + "\n cpu=1\n").getBytes(StandardCharsets.US_ASCII);
        byte[] kmsg = new Ping(NONCE, "kmsg", "t1").text().getBytes(StandardCharsets.US_ASCII);
        byte[] viaInDictionary = ("ncbridge-ping nonce=" + NONCE + "\n via=udp target").getBytes(StandardCharsets.US_ASCII);

        assertThat(Pings.isUserSpace(udp, 1, udp.length)).isTrue();
        assertThat(Pings.isUserSpace(udp, 0, udp.length)).as("the marker must start the body").isFalse();
        assertThat(Pings.isUserSpace(kmsg, 0, kmsg.length)).isFalse();
        assertThat(Pings.isUserSpace(viaInDictionary, 0, viaInDictionary.length))
                .as("only the text line counts, not the dictionary").isFalse();
        assertThat(Pings.isUserSpace(udp, 1, 10)).isFalse();
    }

    @Test
    void theDecoderClassifiesEachMessageOnceAsItBuildsIt() {
        Ping kmsg = new Ping(NONCE, "kmsg", "t1");
        Ping udp = new Ping(NONCE, "udp", "t2");
        DecoderHarness h = new DecoderHarness()
                .send("6,10,100,-;" + kmsg.text() + "\n", 0)
                .send("6,11,200,-;not a ping\n", 1)
                .send("6,0,0,-;" + udp.text() + "\n", 2)
                .send(new InetSocketAddress("10.0.0.6", 6665), "[    1.000000] " + kmsg.text() + "\n", 3)
                .flush(4);

        assertThat(h.messages()).extracting(KernelMessage::ping).containsExactly(kmsg, null, udp, kmsg);
        assertThat(h.events(EventType.SOURCE_RESET)).as("a user-space ping's seq 0 is not the kernel's").isEmpty();
    }

    @Test
    void aMergedContinuationIsClassifiedByItsJoinedText() {
        Ping ping = new Ping(NONCE, "kmsg", "t1");
        DecoderHarness h = new DecoderHarness()
                .send("6,10,100,c;ncbridge-ping nonce=" + NONCE + " via=kmsg", 0)
                .send("6,11,101,+; target=t1", 1)
                .flush(2);

        assertThat(h.messages()).singleElement().satisfies(m -> {
            assertThat(m.message()).isEqualTo(ping.text());
            assertThat(m.ping()).as("neither piece alone is a ping").isEqualTo(ping);
        });
    }
}
