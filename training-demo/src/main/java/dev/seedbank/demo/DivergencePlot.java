package dev.seedbank.demo;

import dev.seedbank.record.RunDirectory;
import dev.seedbank.nd4j.training.AtomicFiles;
import dev.seedbank.record.BadInputException;
import dev.seedbank.record.RunComparison;
import dev.seedbank.record.RunManifest;
import dev.seedbank.record.Snapshot;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * {@code seedbank compare --plot}: both runs' score curves (top) and, per layer, how many of its parameters
 * differ at each common fingerprint point (bottom), over the training iteration. Written with JFreeChart as a
 * PNG, atomically.
 */
public final class DivergencePlot {
    private DivergencePlot() {
    }

    /** Draws the chart into {@code file}. */
    public static void write(Path file, RunManifest a, RunManifest b, RunComparison.Result r) {
        System.setProperty("java.awt.headless", "true");
        XYSeriesCollection scores = new XYSeriesCollection();
        scores.addSeries(scoreSeries("A", a));
        scores.addSeries(scoreSeries("B", b));
        XYPlot scorePlot = new XYPlot(scores, null, new NumberAxis("score"), new XYLineAndShapeRenderer(true, false));
        Map<String, XYSeries> layers = new LinkedHashMap<>();
        for (String p : a.init().keySet()) {
            String layer = p.substring(0, Math.max(0, p.lastIndexOf('/')));
            layers.computeIfAbsent(layer, XYSeries::new);
        }
        for (RunComparison.Point p : r.points()) {
            Map<String, Integer> count = new LinkedHashMap<>();
            layers.keySet().forEach(l -> count.put(l, 0));
            for (String d : p.differing()) {
                String layer = d.substring(0, Math.max(0, d.lastIndexOf('/')));
                count.merge(layer, 1, Integer::sum);
            }
            count.forEach((l, n) -> layers.computeIfAbsent(l, XYSeries::new).addOrUpdate((double) Math.max(0, p.iteration()), (double) n));
        }
        XYSeriesCollection divergence = new XYSeriesCollection();
        layers.values().forEach(divergence::addSeries);
        XYStepRenderer steps = new XYStepRenderer();
        for (int i = 0; i < layers.size(); i++) {
            steps.setSeriesStroke(i, new BasicStroke(2f));
        }
        XYPlot divergencePlot = new XYPlot(divergence, null, new NumberAxis("parameters differing"), steps);
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(new NumberAxis("iteration"));
        plot.add(scorePlot, 2);
        plot.add(divergencePlot, 1);
        JFreeChart chart = new JFreeChart(r.identical() ? "IDENTICAL" : "DIVERGENT" + (r.firstDivergence() == null ? ""
                : ": first at " + r.firstDivergence().label()), JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        try {
            AtomicFiles.write(file, tmp -> ChartUtils.saveChartAsPNG(tmp.toFile(), chart, 1000, 700));
        } catch (IOException e) {
            throw new BadInputException("cannot write plot " + file + ": " + RunDirectory.describe(e));
        }
    }

    private static XYSeries scoreSeries(String name, RunManifest m) {
        XYSeries s = new XYSeries(name + " (seed " + m.run().rootSeed() + ", " + m.run().augmentThreads() + " augmentation thread"
                + (m.run().augmentThreads() == 1 ? "" : "s") + ")");
        for (Snapshot snap : m.snapshots()) {
            if (!Double.isNaN(snap.score())) {
                s.addOrUpdate((double) snap.iteration(), snap.score());
            }
        }
        return s;
    }
}
