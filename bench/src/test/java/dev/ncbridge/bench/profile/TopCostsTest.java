package dev.ncbridge.bench.profile;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TopCostsTest {
    @Test
    void addsUpByWhatAndListsTheLargestFirstWithTheirShare() {
        TopCosts costs = new TopCosts();
        costs.add("Decoder.decode", 30);
        costs.add("Json.write", 50);
        costs.add("Decoder.decode", 10);
        costs.add("Ring.offer", 10);
        costs.add("Alpha.first", 10);

        assertThat(costs.total()).isEqualTo(110);
        assertThat(costs.top(3)).containsExactly(
                new TopCosts.Cost("Json.write", 50, 100.0 * 50 / 110),
                new TopCosts.Cost("Decoder.decode", 40, 100.0 * 40 / 110),
                new TopCosts.Cost("Alpha.first", 10, 100.0 * 10 / 110));
        assertThat(costs.table("method", "samples", 1, 1))
                .isEqualTo("| method | samples | share |\n|---|---:|---:|\n| `Json.write` | 50 | 45.5 % |\n");
    }

    @Test
    void aSampleChargedToSeveralCountsOnceForEachAndOnceInTheTotal() {
        TopCosts costs = new TopCosts();
        costs.addSample(java.util.List.of("Thread.run", "Worker.loop", "Thread.run"), 1);
        costs.addSample(java.util.List.of("Thread.run", "Sink.write"), 1);

        assertThat(costs.total()).isEqualTo(2);
        assertThat(costs.top(1)).containsExactly(new TopCosts.Cost("Thread.run", 2, 100.0));
    }
}
