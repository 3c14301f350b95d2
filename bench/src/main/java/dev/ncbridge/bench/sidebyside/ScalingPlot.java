package dev.ncbridge.bench.sidebyside;

import static dev.ncbridge.bench.sidebyside.ResultsFile.spread;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * Draws the scaling plot of docs/performance.md from the harness's result files: CPU per message and heap as
 * the number of sources grows (one receive thread, one worker), and CPU per message as threads and workers
 * grow (1,024 sources). Each point is the median of its runs, with a bar from the minimum to the maximum.
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.ncbridge.bench.sidebyside.ScalingPlot OUT.png RESULTS...</pre>
 */
public final class ScalingPlot {
    private static final int PANEL_WIDTH = 520;
    private static final int HEIGHT = 420;

    private ScalingPlot() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: ScalingPlot OUT.png RESULTS-FILE...");
            System.exit(2);
        }
        System.setProperty("java.awt.headless", "true");
        ResultsFile results = ResultsFile.read(Arrays.stream(args).skip(1).map(Path::of).toList());
        ImageIO.write(draw(results), "png", Path.of(args[0]).toFile());
    }

    static BufferedImage draw(ResultsFile results) {
        Predicate<ResultsFile.Setting> oneThread = s -> s.threads() == 1 && s.workers() == 1;
        Predicate<ResultsFile.Setting> threadsEqualWorkers = s -> s.sources() == 1024 && s.threads() == s.workers();
        List<JFreeChart> charts = List.of(
                chart("CPU per message by sources (1 thread, 1 worker)", logAxis("sources"), "CPU µs per message",
                        series(results, oneThread, ResultsFile.Setting::sources, RunResult::cpuMicrosPerMessage)),
                chart("Heap after a full GC by sources", logAxis("sources"), "MiB",
                        series(results, oneThread, ResultsFile.Setting::sources, RunResult::heapLiveMiB)),
                chart("CPU per message by receive threads = workers (1,024 sources)",
                        new NumberAxis("receive threads and decode workers"), "CPU µs per message",
                        series(results, threadsEqualWorkers, ResultsFile.Setting::threads,
                                RunResult::cpuMicrosPerMessage)));
        BufferedImage image = new BufferedImage(PANEL_WIDTH * charts.size(), HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        for (int i = 0; i < charts.size(); i++) {
            charts.get(i).draw(g, new Rectangle2D.Double(i * PANEL_WIDTH, 0, PANEL_WIDTH, HEIGHT));
        }
        g.dispose();
        return image;
    }

    /** One series per receiver: x from the setting, y the median of the figure with its min and max. */
    static YIntervalSeriesCollection series(ResultsFile results, Predicate<ResultsFile.Setting> which,
                                            Function<ResultsFile.Setting, Long> x,
                                            Function<RunResult, Double> figure) {
        Map<String, YIntervalSeries> byReceiver = new LinkedHashMap<>();
        results.bySetting().forEach((setting, runs) -> {
            if (which.test(setting)) {
                Spread y = spread(runs, figure);
                byReceiver.computeIfAbsent(setting.receiver(), YIntervalSeries::new)
                        .add(x.apply(setting), y.median(), y.min(), y.max());
            }
        });
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        byReceiver.values().forEach(data::addSeries);
        return data;
    }

    private static LogAxis logAxis(String label) {
        LogAxis axis = new LogAxis(label);
        axis.setBase(2);
        axis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        return axis;
    }

    private static JFreeChart chart(String title, ValueAxis x, String yLabel, YIntervalSeriesCollection data) {
        NumberAxis y = new NumberAxis(yLabel);
        y.setAutoRangeIncludesZero(true);
        XYErrorRenderer renderer = new XYErrorRenderer();
        renderer.setDrawXError(false);
        renderer.setDefaultLinesVisible(true);
        XYPlot plot = new XYPlot(data, x, y, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT.deriveFont(13f), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }
}
