package dev.ncbridge.sink.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import dev.ncbridge.ingest.record.ContinuationFlag;
import dev.ncbridge.ingest.record.Event;
import dev.ncbridge.ingest.record.EventType;
import dev.ncbridge.ingest.record.KeyValue;
import dev.ncbridge.ingest.record.Record;
import dev.ncbridge.ingest.record.SourceEvent;
import dev.ncbridge.ingest.testing.Records;
import org.junit.jupiter.api.Test;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

class RecordCodecTest {
    /** Every field set, none to its default, so a field the codec forgets fails the comparison. */
    static Record everyField() {
        return Records.extended()
                .receivedAtNanos(1_795_000_000_123_456_789L)
                .message("héllo wörld ✓ — the body")
                .source(new InetSocketAddress("2001:db8::7", 6665))
                .hostName("web-42")
                .level(3)
                .facility(4)
                .seq(607)
                .kernelTsUs(22_085_407_756L)
                .cont(ContinuationFlag.MERGED)
                .release("6.14.0")
                .msgid(12)
                .cpu(42)
                .taskname("kworker/0:1")
                .fragments(3)
                .seqReset(true)
                .outOfOrder(true)
                .incomplete(true)
                .truncated(true)
                .subsystem("pci")
                .device("+pci:0000:00:1f.2")
                .userdata(List.of(new KeyValue("rack", "b7"), new KeyValue("rack", "b8"), new KeyValue("k", "")))
                .raw("3,607,22085407756,c;héllo\n".getBytes(StandardCharsets.UTF_8))
                .build();
    }

    static Record event() {
        return Records.event(EventType.LOSS)
                .format(null)
                .receivedAtNanos(5)
                .message("3 messages missing")
                .source(new InetSocketAddress("10.0.0.5", 6665))
                .put("missing", 3)
                .put("by", "msgid")
                .put("after_reset", false)
                .build();
    }

    @Test
    void everyFieldOfAMessageSurvivesTheRoundTrip() throws IOException {
        Record r = everyField();
        assertThat(RecordCodec.decode(RecordCodec.encode(r))).usingRecursiveComparison().isEqualTo(r);
    }

    @Test
    void anEventAndAbsentFieldsSurviveTheRoundTrip() throws IOException {
        Record r = event();
        Record back = RecordCodec.decode(RecordCodec.encode(r));
        assertThat(back).usingRecursiveComparison().isEqualTo(r);
        assertThat(back).isInstanceOf(SourceEvent.class);
        assertThat(((SourceEvent) back).event().details()).containsExactly(java.util.Map.entry("missing", 3L),
                java.util.Map.entry("by", "msgid"), java.util.Map.entry("after_reset", false));
        assertThat(back.format()).isNull();
    }

    @Test
    void truncatedOrPaddedBytesAreRefused() {
        byte[] bytes = RecordCodec.encode(everyField());
        assertThatThrownBy(() -> RecordCodec.decode(Arrays.copyOf(bytes, bytes.length - 3)))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> RecordCodec.decode(Arrays.copyOf(bytes, bytes.length + 1)))
                .isInstanceOf(IOException.class);
    }
}
