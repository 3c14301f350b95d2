package dev.ncbridge.sink.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ncbridge.ingest.record.ContinuationFlag;
import dev.ncbridge.ingest.record.Device;
import dev.ncbridge.ingest.record.EventType;
import dev.ncbridge.ingest.record.Extended;
import dev.ncbridge.ingest.record.Format;
import dev.ncbridge.ingest.record.KernelMessage;
import dev.ncbridge.ingest.record.KeyValue;
import dev.ncbridge.ingest.record.Record;
import dev.ncbridge.ingest.record.SourceEvent;
import dev.ncbridge.ingest.record.Sysdata;
import dev.ncbridge.ingest.testing.Records;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

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

    /**
     * Records as {@code RecordCodec.encode} wrote them before the records were typed (version 1,
     * from the flat {@code Record} of commit 644d98b): a spool written then must replay.
     */
    private static final String OLD_MESSAGE = "AAAAB21lc3NhZ2UY6R79Yy9NFQAAABNow6lsbG8g4oCUIHRoZSBib2R5AAAAECABDbgAAAAAAAAAAAAAAAcaCQAAAA"
            + "Z3ZWItNDIAAAADAAAABAAAAAhleHRlbmRlZAAAAAAAAAJfAAAABSRklAwAAAAGbWVyZ2VkAAAABjYuMTQuMAAAAAAA"
            + "AAAMAAAAKgAAAAtrd29ya2VyLzA6MQAAAAMHAAAAA3BjaQAAABErcGNpOjAwMDA6MDA6MWYuMgAAAAIAAAAEcmFjaw"
            + "AAAAJiNwAAAARyYWNrAAAAAmI4AAAAGzMsNjA3LDIyMDg1NDA3NzU2LGM7aMOpbGxvCv////8=";
    private static final String OLD_LEGACY = "AAAAB21lc3NhZ2UAAAAAAAAABQAAABtlMTAwMGU6IGV0aDAgTklDIExpbmsgaXMgVXAAAAAECgAABRoKAAAACDEwLj"
            + "AuMC41//////////8AAAAGbGVnYWN5/////////////////////////////////////////////////////wAAAAEA"
            + "//////////8AAAAAAAAAHGUxMDAwZTogZXRoMCBOSUMgTGluayBpcyBVcAr/////";
    private static final String OLD_EVENT = "AAAABWV2ZW50AAAAAAAAAAcAAAAPMyBtZXNzYWdlcyBsb3N0AAAABAoAAAUaCQAAAAZ3ZWItNDL//////////wAAAA"
            + "hleHRlbmRlZP////////////////////////////////////////////////////8AAAABAP//////////AAAAAAAA"
            + "AAAAAAAEbG9zcwAAAAQAAAAHY291bnRlcgIAAAADc2VxAAAABWZpcnN0AQAAAAAAAAAFAAAABGxhc3QBAAAAAAAAAA"
            + "cAAAAHbWlzc2luZwEAAAAAAAAAAw==";

    @Test
    void recordsSpooledBeforeTheRecordsWereTypedStillReplay() throws IOException {
        KernelMessage m = (KernelMessage) RecordCodec.decode(Base64.getDecoder().decode(OLD_MESSAGE));
        assertThat(m.message()).isEqualTo("héllo — the body");
        assertThat(m.source()).isEqualTo(new InetSocketAddress("2001:db8::7", 6665));
        assertThat(m.kernelTsUs()).isEqualTo(22_085_407_756L);
        assertThat(m.fragments()).isEqualTo(3);
        assertThat(m.incomplete()).isTrue();
        assertThat(m.extended()).isEqualTo(new Extended(3, 4, 607, ContinuationFlag.MERGED, "6.14.0", true, true,
                false, new Device("pci", "+pci:0000:00:1f.2"), new Sysdata(42, "kworker/0:1", 12L),
                List.of(new KeyValue("rack", "b7"), new KeyValue("rack", "b8"))));
        assertThat(new String(m.raw(), StandardCharsets.UTF_8)).isEqualTo("3,607,22085407756,c;héllo\n");

        KernelMessage legacy = (KernelMessage) RecordCodec.decode(Base64.getDecoder().decode(OLD_LEGACY));
        assertThat(legacy.format()).isEqualTo(Format.LEGACY);
        assertThat(legacy.extended()).isNull();
        assertThat(legacy.kernelTsUs()).isNull();
        assertThat(legacy.message()).isEqualTo("e1000e: eth0 NIC Link is Up");

        SourceEvent event = (SourceEvent) RecordCodec.decode(Base64.getDecoder().decode(OLD_EVENT));
        assertThat(event.format()).isEqualTo(Format.EXTENDED);
        assertThat(event.hostName()).isEqualTo("web-42");
        assertThat(event.event().type()).isEqualTo(EventType.LOSS);
        assertThat(event.event().details()).containsEntry("counter", "seq").containsEntry("missing", 3L);
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
