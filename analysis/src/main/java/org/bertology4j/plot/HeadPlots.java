package org.bertology4j.plot;

import org.bertology4j.io.AtomicFiles;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.style.Styler;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Figures of per-head values ({@code [layer][head]}, 12x12 for BERT-base) shared by the studies: layer x head
 * heatmaps (one, or a grid of them), grouped bar charts and per-layer curves. PNG files, written atomically.
 */
public final class HeadPlots {
    private HeadPlots() {}

    /** A layers x heads heatmap (rows = layers 1.., columns = heads 1..) written as PNG. */
    public static void layerHeadHeatmap(Path png, String title, double[][] values) throws IOException {
        Plots.save(Plots.heatmap(title, values, layerLabels(values.length), headLabels(values[0].length), "head", "layer", false), png);
    }

    /**
     * Several layers x heads heatmaps in one PNG, {@code columns} to a row at most (fewer when the count does not
     * divide); NaN cells are drawn as 0.
     */
    public static void grid(Path png, List<String> titles, List<double[][]> values, boolean diverging, int columns) throws IOException {
        List<HeatMapChart> charts = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            double[][] v = values.get(i);
            double[][] clean = new double[v.length][];
            for (int l = 0; l < v.length; l++) {
                clean[l] = v[l].clone();
                for (int h = 0; h < clean[l].length; h++) if (Double.isNaN(clean[l][h])) clean[l][h] = 0;
            }
            charts.add(Plots.heatmap(titles.get(i), clean, layerLabels(v.length), headLabels(v[0].length), "head", "layer", diverging));
        }
        int cols = Math.min(columns, charts.size());
        while (charts.size() % cols != 0) cols--; // the encoder needs a full rows x cols grid
        int rows = charts.size() / cols, c = cols;
        AtomicFiles.write(png, out -> BitmapEncoder.saveBitmap(charts, rows, c, out, BitmapEncoder.BitmapFormat.PNG));
    }

    /** Grouped bars: one group per category, one bar per series (values in the same order as categories). */
    public static void bars(Path png, String title, String yTitle, List<String> categories, Map<String, double[]> series) throws IOException {
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
    public static void perLayerCurves(Path png, String title, String yTitle, Map<String, double[][]> stats) throws IOException {
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

    private static List<String> layerLabels(int layers) {
        List<String> rows = new ArrayList<>();
        for (int l = 0; l < layers; l++) rows.add("L" + (l + 1));
        return rows;
    }

    private static List<String> headLabels(int heads) {
        List<String> cols = new ArrayList<>();
        for (int h = 0; h < heads; h++) cols.add("H" + (h + 1));
        return cols;
    }
}
