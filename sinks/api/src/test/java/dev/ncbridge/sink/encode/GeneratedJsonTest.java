package dev.ncbridge.sink.encode;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ncbridge.ingest.record.Field;
import dev.ncbridge.ingest.record.Fields;
import dev.ncbridge.ingest.record.Record;
import dev.ncbridge.ingest.testing.Records;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class GeneratedJsonTest {
    /** One field of every kind the generated code writes itself, and one it writes through the field. */
    private static final List<Field> FIELDS = List.of(Fields.TIMESTAMP, Fields.MESSAGE, Fields.HOST, Fields.LEVEL,
            Fields.SEQ, Fields.SEQ_RESET, Fields.IP, Fields.USERDATA);

    private static String written(JsonLayout.Writer writer, Record r, boolean expected) {
        JsonBuffer out = new JsonBuffer();
        out.reset();
        assertThat(writer.write(r, out)).isEqualTo(expected);
        return new String(out.array(), 0, out.length(), StandardCharsets.UTF_8);
    }

    private static JsonLayout.Writer writer() {
        byte[][] chunks = new byte[FIELDS.size() + 1][];
        for (int i = 0; i < FIELDS.size(); i++) {
            chunks[i] = ((i == 0 ? "[" : ",") + "\"" + FIELDS.get(i).path() + "\":").getBytes(StandardCharsets.UTF_8);
        }
        chunks[FIELDS.size()] = "]".getBytes(StandardCharsets.UTF_8);
        return GeneratedJson.writer(chunks, FIELDS.toArray(new Field[0]));
    }

    @Test
    void writesEachChunkAndEachValueInTheirKind() {
        JsonLayout.Writer writer = writer();

        assertThat(writer.getClass().isHidden()).isTrue();
        assertThat(written(writer, Records.full().build(), true)).isEqualTo("[\"@timestamp\":\"2026-11-21T10:15:30.123456Z\","
                + "\"message\":\"the decoded body text\",\"host.name\":\"web-42\",\"log.level\":\"err\","
                + "\"event.sequence\":607,\"netconsole.seq_reset\":false,\"host.ip\":\"10.0.0.5\","
                + "\"netconsole.userdata\":{\"foo\":\"bar\"}]");
    }

    /** A bit per field, set when the record has it, whatever the field's kind. */
    @Test
    void theShapeHasABitPerFieldTheRecordHas() {
        GeneratedJson.Shape shape = GeneratedJson.shape(FIELDS.toArray(new Field[0]));

        assertThat(shape.getClass().isHidden()).isTrue();
        assertThat(shape.of(Records.full().build())).isEqualTo(0b1111_1111);
        // A legacy line: no level, sequence or userdata.
        assertThat(shape.of(Records.fullLegacy().build())).isEqualTo(0b0110_0111);
        // An event: no level, sequence, seq_reset or userdata.
        assertThat(shape.of(Records.loss().build())).isEqualTo(0b0100_0111);
    }

    /**
     * Chunks of up to four words are written as constant words, longer ones copied: every
     * length from none to past four words, between values and at the end, comes out exact,
     * whatever the buffer held before (a word's padding lies past the end, to be written over).
     */
    @Test
    void chunksOfEveryLengthAreWrittenExactly() {
        Record r = Records.full().build();
        for (int length = 0; length <= JsonBuffer.MAX_WORDS * Long.BYTES + 9; length++) {
            String text = "x".repeat(length);
            byte[] chunk = text.getBytes(StandardCharsets.UTF_8);
            JsonLayout.Writer writer = GeneratedJson.writer(new byte[][] {chunk, chunk, chunk},
                    new Field[] {Fields.SEQ, Fields.HOST});
            JsonBuffer out = new JsonBuffer();
            out.string("y".repeat(100));
            out.reset();

            assertThat(writer.write(r, out)).isTrue();
            assertThat(new String(out.array(), 0, out.length(), StandardCharsets.UTF_8))
                    .isEqualTo(text + "607" + text + "\"web-42\"" + text);
        }
    }

    /** A record without one of the fields: the writer stops at it and says so. */
    @Test
    void saysWhenARecordLacksAField() {
        JsonLayout.Writer writer = writer();

        assertThat(written(writer, Records.full().userdata(List.of()).build(), false)).endsWith("\"host.ip\":\"10.0.0.5\",\"netconsole.userdata\":");
        assertThat(written(writer, Records.fullLegacy().build(), false)).endsWith("\"host.name\":\"web-42\",\"log.level\":");
        assertThat(written(writer, Records.full().seq(0).build(), true)).contains("\"event.sequence\":0,");
    }
}
