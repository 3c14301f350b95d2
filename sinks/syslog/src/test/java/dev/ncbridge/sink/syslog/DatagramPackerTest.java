package dev.ncbridge.sink.syslog;

import static dev.ncbridge.ingest.testing.Records.legacy;
import static dev.ncbridge.ingest.testing.Records.sysdata;
import static dev.ncbridge.sink.syslog.Fixtures.options;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DatagramPackerTest {
    private static final String HEADER = "<5>1 2026-11-21T10:15:30.123456Z web-42 kernel - legacy - ";
    private final MessageFormatter formatter = MessageFormatter.of(options("address: \"h:514\", transport: udp"));
    private final List<ByteBuf> out = new ArrayList<>();

    @Test
    void aMessageThatFitsIsOneDatagram() {
        DatagramPacker packer = new DatagramPacker(formatter, 480, Oversize.TRUNCATE);
        assertThat(packer.pack(legacy().message("hello").hostName("web-42").build(),
                UnpooledByteBufAllocator.DEFAULT, out))
                .isEqualTo(DatagramPacker.Outcome.WHOLE);
        assertThat(texts()).containsExactly(HEADER + "hello");
    }

    @Test
    void truncateCutsTheMsgBetweenCharacters() {
        int max = HEADER.length() + 10;
        DatagramPacker packer = new DatagramPacker(formatter, max, Oversize.TRUNCATE);
        // 'é' is two bytes: 5 of them are 10 bytes, the sixth does not fit, and "aé" cut at 10 must not split one.
        assertThat(packer.pack(legacy().message("éééééé").hostName("web-42").build(),
                UnpooledByteBufAllocator.DEFAULT, out))
                .isEqualTo(DatagramPacker.Outcome.TRUNCATED);
        assertThat(packer.pack(legacy().message("aéééééé").hostName("web-42").build(),
                UnpooledByteBufAllocator.DEFAULT, out))
                .isEqualTo(DatagramPacker.Outcome.TRUNCATED);
        assertThat(texts()).containsExactly(HEADER + "ééééé", HEADER + "aéééé");
        assertThat(out).allSatisfy(d -> assertThat(d.readableBytes()).isLessThanOrEqualTo(max));
    }

    @Test
    void splitSendsTheWholeMsgInPiecesEachWithTheHeader() {
        int max = HEADER.length() + 7;
        DatagramPacker packer = new DatagramPacker(formatter, max, Oversize.SPLIT);
        String msg = "abcdé✓fghijklmnopqrstuvwxyz";
        assertThat(packer.pack(legacy().message(msg).hostName("web-42").build(), UnpooledByteBufAllocator.DEFAULT, out))
                .isEqualTo(DatagramPacker.Outcome.SPLIT);
        List<String> texts = texts();
        assertThat(texts).hasSizeGreaterThan(3).allSatisfy(t -> assertThat(t).startsWith(HEADER));
        assertThat(String.join("", texts.stream().map(t -> t.substring(HEADER.length())).toList())).isEqualTo(msg);
        assertThat(out).allSatisfy(d -> assertThat(d.readableBytes()).isLessThanOrEqualTo(max));
    }

    @Test
    void aHeaderLargerThanTheLimitIsTooLarge() {
        DatagramPacker packer = new DatagramPacker(formatter, 480, Oversize.SPLIT);
        assertThat(packer.pack(sysdata("x").hostName("h".repeat(255)).userdata(List.of(
                new dev.ncbridge.ingest.record.KeyValue("k", "v".repeat(300)))).build(),
                UnpooledByteBufAllocator.DEFAULT, out)).isEqualTo(DatagramPacker.Outcome.TOO_LARGE);
        assertThat(out).isEmpty();
    }

    private List<String> texts() {
        return out.stream().map(d -> d.toString(StandardCharsets.UTF_8)).toList();
    }
}
