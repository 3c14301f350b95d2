package dev.ncbridge.sink.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ncbridge.sink.BatchResult;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BatchCompletionTest {
    @Test
    void completesOnlyWhenEveryRecordIsSettled() {
        BatchCompletion c = new BatchCompletion(3);
        c.delivered(0);
        c.failed(2, SendOutcome.TOO_LARGE);

        assertThat(c.result()).isNotDone();

        c.failed(1, SendOutcome.TIMEOUT);

        BatchResult r = c.result().join();
        assertThat(r.retry()).isEqualTo(Map.of(1, "timeout"));
        assertThat(r.rejected()).isEqualTo(Map.of(2, "too_large"));
    }

    @Test
    void allDeliveredIsOk() {
        BatchCompletion c = new BatchCompletion(2);
        c.delivered(1);
        c.delivered(0);

        assertThat(c.result().join().isOk()).isTrue();
    }

    @Test
    void anEmptyBatchIsDoneAtOnce() {
        assertThat(new BatchCompletion(0).result().join().isOk()).isTrue();
    }
}
