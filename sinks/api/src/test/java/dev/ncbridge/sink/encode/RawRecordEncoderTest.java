package dev.ncbridge.sink.encode;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ncbridge.ingest.record.Record;
import dev.ncbridge.ingest.testing.Records;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class RawRecordEncoderTest {
    private final RawRecordEncoder encoder = new RawRecordEncoder();

    @Test
    void writesTheWireBytesUnchanged() {
        // Invalid UTF-8 and control bytes must pass through untouched.
        byte[] raw = {'6', ',', '1', ',', '2', ',', '-', ';', (byte) 0xff, (byte) 0xc3, 0x00, 0x1b, '\n'};
        Record record = Records.full().raw(raw).build();

        assertThat(encoder.encode(record)).containsExactly(raw);
    }

    @Test
    void appendsToWhatTheStreamAlreadyHolds() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write('>');
        encoder.encode(Records.fullLegacy().build(), out);

        assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo(">[    5.000042] e1000e: eth0 NIC Link is Up\n");
    }

    @Test
    void eventHasNoWireBytesSoItIsWrittenAsText() {
        Record event = Records.loss().build();

        assertThat(encoder.encode(event)).containsExactly(new TextRecordEncoder().encode(event));
        assertThat(encoder.encode(event)).isNotEmpty();
    }

    @Test
    void isNamedRaw() {
        assertThat(encoder.name()).isEqualTo("raw");
    }
}
