package dev.ncbridge.app.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromQlTest {
    @Test
    void findsTheSeriesButNotFunctionsLabelsRangesOrGrouping() {
        assertThat(PromQl.series("histogram_quantile(0.99, sum by (sink, le) (rate(a_seconds_bucket{sink=~\"x|y\"}[5m])))"
                + " / on (instance) group_left (version) b_info and c_total offset 1h"))
                .containsExactlyInAnyOrder("a_seconds_bucket", "b_info", "c_total");
    }
}
