package org.bertology4j.cli;

import org.bertology4j.plot.Plots;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Figures shared by the Clark et al. commands: layer x head heatmaps and grouped bar charts. */
final class ClarkPlots {
    private ClarkPlots() {}

    /** A layers x heads heatmap (rows = layers 1.., columns = heads 1..) written as PNG. */
    static void layerHeadHeatmap(Path png, String title, double[][] values) throws IOException {
        List<String> rows = new ArrayList<>(), cols = new ArrayList<>();
        for (int l = 0; l < values.length; l++) rows.add("L" + (l + 1));
        for (int h = 0; h < values[0].length; h++) cols.add("H" + (h + 1));
        Plots.save(Plots.heatmap(title, values, rows, cols, "head", "layer", false), png);
    }

    /** Grouped bars: one group per category, one bar per series (values in the same order as categories). */
    static void bars(Path png, String title, String yTitle, List<String> categories, Map<String, double[]> series) throws IOException {
        CategoryChart chart = new CategoryChartBuilder().width(Math.max(720, 60 * categories.size() + 200)).height(480)
                .title(title).yAxisTitle(yTitle).build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS); // never over the bars
        chart.getStyler().setXAxisLabelRotation(45);
        for (Map.Entry<String, double[]> e : series.entrySet()) {
            List<Double> ys = new ArrayList<>();
            for (double v : e.getValue()) ys.add(v);
            chart.addSeries(e.getKey(), categories, ys);
        }
        Plots.save(chart, png);
    }

    /** Per-layer curves (x = layer 1..L) from per-head values averaged over heads, one curve per named statistic. */
    static void perLayerCurves(Path png, String title, String yTitle, Map<String, double[][]> stats) throws IOException {
        Map<String, double[]> series = new LinkedHashMap<>();
        double[] x = null;
        for (Map.Entry<String, double[][]> e : stats.entrySet()) {
            double[][] v = e.getValue();
            double[] mean = new double[v.length];
            for (int l = 0; l < v.length; l++) {
                double s = 0;
                for (double d : v[l]) s += d;
                mean[l] = s / v[l].length;
            }
            series.put(e.getKey(), mean);
            if (x == null) {
                x = new double[v.length];
                for (int l = 0; l < v.length; l++) x[l] = l + 1;
            }
        }
        Plots.lineChart(png, title, "layer", yTitle, x, series);
    }
}
