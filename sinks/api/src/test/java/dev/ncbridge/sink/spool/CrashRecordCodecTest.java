package dev.ncbridge.sink.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ncbridge.ingest.record.CrashRecord;
import dev.ncbridge.ingest.record.Record;
import dev.ncbridge.ingest.testing.Records;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Crash records in the spool: a record of their own kind, every field kept. */
class CrashRecordCodecTest {
    @Test
    void everyFieldOfACrashRecordSurvivesTheRoundTrip() throws IOException {
        CrashRecord r = Records.crash();
        Record back = RecordCodec.decode(RecordCodec.encode(r));
        assertThat(back).isEqualTo(r);
    }

    @Test
    void aReportWithoutItsOptionalFieldsSurvivesTheRoundTrip() throws IOException {
        CrashRecord r = Records.bareCrash();
        assertThat(RecordCodec.decode(RecordCodec.encode(r))).isEqualTo(r);
    }

    @Test
    void aCutCrashRecordIsRefusedNotMisread() {
        byte[] bytes = RecordCodec.encode(Records.crash());
        for (int cut : new int[] {bytes.length - 1, bytes.length - 30, bytes.length / 2}) {
            assertThatThrownBy(() -> RecordCodec.decode(Arrays.copyOf(bytes, cut))).isInstanceOf(IOException.class);
        }
    }
}
