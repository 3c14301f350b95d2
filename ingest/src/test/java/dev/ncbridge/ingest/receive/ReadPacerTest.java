package dev.ncbridge.ingest.receive;

import static dev.ncbridge.ingest.receive.ReadPacer.GATHER_NANOS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ReadPacerTest {
    private static final long US = TimeUnit.MICROSECONDS.toNanos(1);
    private static final long T0 = -5_000_000_000L; // nanoTime may be negative

    @Test
    void theFirstCycleAndOneAfterAQuietSpellAreReadAtOnce() {
        ReadPacer pacer = new ReadPacer(512, 1000);
        assertThat(pacer.afterCycle(T0, 1)).as("the first cycle ever").isZero();
        assertThat(pacer.afterCycle(T0 + 2 * GATHER_NANOS, 1)).as("two gather times later").isZero();
        assertThat(pacer.afterCycle(T0 + 3 * GATHER_NANOS, 1)).as("one gather time later: busy").isEqualTo(GATHER_NANOS);
    }

    @Test
    void aBusySocketPausesForTheGatherTime() {
        ReadPacer pacer = new ReadPacer(512, 1000);
        pacer.afterCycle(T0, 3);
        assertThat(pacer.afterCycle(T0 + 20 * US, 3)).isEqualTo(GATHER_NANOS);
        // After the pause, the next cycle ends a little over a gather time later: still busy.
        assertThat(pacer.afterCycle(T0 + 20 * US + GATHER_NANOS + 50 * US, 150)).isEqualTo(GATHER_NANOS);
    }

    @Test
    void aCycleThatTookItsLimitIsFollowedAtOnce() {
        ReadPacer pacer = new ReadPacer(512, 100_000);
        pacer.afterCycle(T0, 3);
        assertThat(pacer.afterCycle(T0 + 500 * US, 512)).as("the socket holds more").isZero();
        assertThat(pacer.afterCycle(T0 + 600 * US, 511)).isEqualTo(GATHER_NANOS);
    }

    @Test
    void aCycleWithoutDatagramsIsNoSignOfBusiness() {
        ReadPacer pacer = new ReadPacer(512, 1000);
        pacer.afterCycle(T0, 1);
        assertThat(pacer.afterCycle(T0 + 10 * US, 0)).isZero();
    }

    @Test
    void thePauseEndsBeforeMoreThanTheGatherLimitCanArrive() {
        ReadPacer pacer = new ReadPacer(512, 26);
        pacer.afterCycle(T0, 1);
        // 130 datagrams in 1 ms: 130k/s, so 26 arrive in 200 µs.
        assertThat(pacer.afterCycle(T0 + 1000 * US, 130)).isEqualTo(200 * US);
    }

    @Test
    void theGatherLimitIsAQuarterOfTheBufferAtTwoKibibytesADatagram() {
        assertThat(ReadPacer.gatherLimitFor(32 << 20)).isEqualTo(4096);
        assertThat(ReadPacer.gatherLimitFor(212_992)).isEqualTo(26);
        assertThat(ReadPacer.gatherLimitFor(0)).as("never zero").isEqualTo(1);
    }

    @Test
    void limitsMustBePositive() {
        assertThatThrownBy(() -> new ReadPacer(0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReadPacer(1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
