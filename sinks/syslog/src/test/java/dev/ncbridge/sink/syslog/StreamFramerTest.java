package dev.ncbridge.sink.syslog;

import static dev.ncbridge.ingest.testing.Records.legacy;
import static dev.ncbridge.sink.syslog.Fixtures.options;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StreamFramerTest {
    private final MessageFormatter formatter = MessageFormatter.of(options("address: \"h:514\""));

    @Test
    void octetCountingPrefixesTheLengthInBytes() {
        StreamFramer framer = new StreamFramer(formatter, Framing.OCTET_COUNTING);
        ByteBuf out = Unpooled.buffer();
        framer.frame(legacy().message("é\nx").hostName("web-42").build(), out);
        framer.frame(legacy().message("y").hostName("web-42").build(), out);
        String message1 = Fixtures.format(formatter, legacy().message("é\nx").hostName("web-42").build());
        String message2 = Fixtures.format(formatter, legacy().message("y").hostName("web-42").build());
        int bytes1 = message1.getBytes(StandardCharsets.UTF_8).length;
        assertThat(bytes1).isEqualTo(message1.length() + 1);
        assertThat(out.toString(StandardCharsets.UTF_8))
                .isEqualTo(bytes1 + " " + message1 + message2.length() + " " + message2);
    }

    @Test
    void lfFramingEndsEachMessageWithALineFeedAndSendsInnerOnesAsSpaces() {
        StreamFramer framer = new StreamFramer(formatter, Framing.LF);
        ByteBuf out = Unpooled.buffer();
        framer.frame(legacy().message("a\nb\n").hostName("web-42").build(), out);
        framer.frame(legacy().message("c").hostName("web-42").build(), out);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(
                "<5>1 2026-11-21T10:15:30.123456Z web-42 kernel - legacy - a b \n"
                        + "<5>1 2026-11-21T10:15:30.123456Z web-42 kernel - legacy - c\n");
    }
}
