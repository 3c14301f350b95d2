package dev.ncbridge.ingest.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Who owns a datagram's bytes: a record keeps a handed-over array, and copies one that is lent. */
class DatagramOwnershipTest {
    private final DecoderHarness harness = new DecoderHarness();

    @Test
    void aHandedOverDatagramIsTheRecordsRawBytesWithoutACopy() {
        byte[] datagram = "6,1,1001,-;eth0: link up\n".getBytes(StandardCharsets.US_ASCII);

        harness.decoder.decodeOwned(datagram, DecoderHarness.HOST, DecoderHarness.nanos(1), harness.out::add);

        assertThat(harness.messages()).singleElement().satisfies(m -> assertThat(m.raw()).isSameAs(datagram));
    }

    @Test
    void aLentBufferIsCopiedSoItsReuseLeavesTheRecordAlone() {
        byte[] buffer = "6,1,1001,-;eth0: link up\n".getBytes(StandardCharsets.US_ASCII);

        harness.decoder.decode(buffer, 0, buffer.length, DecoderHarness.HOST, DecoderHarness.nanos(1), harness.out::add);
        Arrays.fill(buffer, (byte) 'x');

        assertThat(harness.messages()).singleElement()
                .satisfies(m -> assertThat(new String(m.raw(), StandardCharsets.US_ASCII)).isEqualTo("6,1,1001,-;eth0: link up\n"));
    }
}
