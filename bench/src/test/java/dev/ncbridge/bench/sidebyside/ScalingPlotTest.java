package dev.ncbridge.bench.sidebyside;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.junit.jupiter.api.Test;

class ScalingPlotTest {
    private static String line(int sources, int threads, double cpuSeconds) {
        return "receiver=ncbridge sink=blackhole rate=150000 sources=" + sources + " threads=" + threads
                + " workers=" + threads + " sent=1500000 errors=0 elapsed_s=10 delivered=1500000 kernel_drops=0"
                + " cpu_s=" + cpuSeconds + " rss_idle_kb=1 rss_peak_kb=1 listen_ms=1 heap_live_bytes=1048576";
    }

    @Test
    void plotsTheMedianWithMinAndMaxPerSettingAndLeavesOutOtherSettings() {
        ResultsFile file = ResultsFile.parse(List.of(
                line(1, 1, 3.0), line(1, 1, 4.5), line(1, 1, 6.0),
                line(65536, 1, 7.5),
                line(1024, 2, 9.0)));

        YIntervalSeriesCollection data = ScalingPlot.series(file, s -> s.threads() == 1, ResultsFile.Setting::sources,
                RunResult::cpuMicrosPerMessage);

        assertThat(data.getSeriesCount()).isEqualTo(1);
        YIntervalSeries series = data.getSeries(0);
        assertThat(series.getKey()).isEqualTo("ncbridge-blackhole");
        assertThat(series.getItemCount()).isEqualTo(2);
        assertThat(series.getX(0)).isEqualTo(1.0);
        assertThat(series.getYValue(0)).isEqualTo(3.0);
        assertThat(series.getYLowValue(0)).isEqualTo(2.0);
        assertThat(series.getYHighValue(0)).isEqualTo(4.0);
        assertThat(series.getX(1)).isEqualTo(65536.0);
    }

    @Test
    void drawsThreePanelsSideBySide() {
        ResultsFile file = ResultsFile.parse(List.of(line(1, 1, 3.0), line(1024, 1, 3.0), line(1024, 2, 4.0)));

        java.awt.image.BufferedImage image = ScalingPlot.draw(file);

        assertThat(image.getWidth()).isEqualTo(3 * 520);
        assertThat(image.getHeight()).isEqualTo(420);
    }
}
