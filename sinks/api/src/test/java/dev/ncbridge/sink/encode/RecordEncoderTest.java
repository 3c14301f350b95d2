package dev.ncbridge.sink.encode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ncbridge.ingest.testing.Records;
import org.junit.jupiter.api.Test;

class RecordEncoderTest {

    @Test
    void forNameFindsEachEncoding() {
        assertThat(RecordEncoder.forName("json")).isInstanceOf(JsonRecordEncoder.class);
        assertThat(RecordEncoder.forName("text")).isInstanceOf(TextRecordEncoder.class);
        assertThat(RecordEncoder.forName("raw")).isInstanceOf(RawRecordEncoder.class);
    }

    @Test
    void forNameIgnoresCaseAndSurroundingSpace() {
        assertThat(RecordEncoder.forName(" JSON ").name()).isEqualTo("json");
    }

    @Test
    void forNameRejectsUnknownNamesListingTheChoices() {
        assertThatThrownBy(() -> RecordEncoder.forName("xml"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll("'xml'", "json", "text", "raw");
    }

    @Test
    void arrayFormMatchesStreamForm() throws Exception {
        RecordEncoder json = RecordEncoder.forName("json");
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        json.encode(Records.full().build(), out);

        assertThat(json.encode(Records.full().build())).containsExactly(out.toByteArray());
    }
}
