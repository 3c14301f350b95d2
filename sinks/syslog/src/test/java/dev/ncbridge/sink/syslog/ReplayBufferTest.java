package dev.ncbridge.sink.syslog;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplayBufferTest {
    private static final long S = 1_000_000_000L;

    @Test
    void onlyBatchesWrittenWithinTheWindowBeforeTheLossAreReturned() {
        ReplayBuffer buffer = new ReplayBuffer(10 * S, 1 << 20);
        ByteBuf old = batch(10);
        ByteBuf recent = batch(10);
        buffer.add(old, 1, 0);
        buffer.add(recent, 2, 8 * S);
        List<ReplayBuffer.Batch> taken = buffer.takeRecent(15 * S);
        assertThat(taken).extracting(ReplayBuffer.Batch::records).containsExactly(2);
        assertThat(old.refCnt()).isZero();
        assertThat(recent.refCnt()).isEqualTo(1);
        assertThat(buffer.takeRecent(15 * S)).isEmpty();
    }

    @Test
    void batchesOlderThanTheWindowAreDroppedAsNewOnesArrive() {
        ReplayBuffer buffer = new ReplayBuffer(10 * S, 1 << 20);
        ByteBuf old = batch(10);
        buffer.add(old, 1, 0);
        buffer.add(batch(10), 2, 11 * S);
        assertThat(old.refCnt()).isZero();
        assertThat(buffer.takeRecent(11 * S)).extracting(ReplayBuffer.Batch::records).containsExactly(2);
    }

    @Test
    void theByteBoundDropsTheOldestButKeepsTheNewest() {
        ReplayBuffer buffer = new ReplayBuffer(10 * S, 25);
        buffer.add(batch(10), 1, 0);
        buffer.add(batch(10), 2, 1);
        buffer.add(batch(10), 3, 2);
        buffer.add(batch(100), 4, 3);
        assertThat(buffer.takeRecent(4)).extracting(ReplayBuffer.Batch::records).containsExactly(4);
    }

    @Test
    void aZeroWindowKeepsNothing() {
        ReplayBuffer buffer = new ReplayBuffer(0, 1 << 20);
        ByteBuf b = batch(10);
        buffer.add(b, 1, 0);
        assertThat(b.refCnt()).isZero();
        assertThat(buffer.takeRecent(0)).isEmpty();
    }

    private static ByteBuf batch(int bytes) {
        return Unpooled.buffer(bytes).writeZero(bytes);
    }
}
