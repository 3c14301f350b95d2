package dev.ncbridge.ingest.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ncbridge.ingest.record.KernelMessage;
import dev.ncbridge.ingest.record.Record;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Who owns a datagram's bytes: a record keeps a handed-over array, and copies one that is lent. */
class DatagramOwnershipTest {
    private final NetconsoleDecoder decoder =
            new NetconsoleDecoder(DecoderLimits.defaults(), SourceNamer.ADDRESS, new DecodeCounters());
    private final List<Record> out = new ArrayList<>();

    @Test
    void aHandedOverDatagramIsTheRecordsRawBytesWithoutACopy() {
        byte[] datagram = "6,1,1001,-;eth0: link up\n".getBytes(StandardCharsets.US_ASCII);

        decoder.decodeOwned(datagram, DecoderHarness.HOST, DecoderHarness.nanos(1), out::add);

        assertThat(out).singleElement().isInstanceOfSatisfying(KernelMessage.class,
                m -> assertThat(m.raw()).isSameAs(datagram));
    }

    @Test
    void aLentBufferIsCopiedSoItsReuseLeavesTheRecordAlone() {
        byte[] buffer = "6,1,1001,-;eth0: link up\n".getBytes(StandardCharsets.US_ASCII);

        decoder.decode(buffer, 0, buffer.length, DecoderHarness.HOST, DecoderHarness.nanos(1), out::add);
        Arrays.fill(buffer, (byte) 'x');

        assertThat(out).singleElement().isInstanceOfSatisfying(KernelMessage.class,
                m -> assertThat(new String(m.raw(), StandardCharsets.US_ASCII)).isEqualTo("6,1,1001,-;eth0: link up\n"));
    }
}
