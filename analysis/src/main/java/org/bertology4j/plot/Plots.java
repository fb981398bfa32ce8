package org.bertology4j.plot;

import org.bertology4j.io.AtomicFiles;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import javax.imageio.ImageIO;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * All of bertology4j's figures, drawn with XChart: heatmaps (single or tiled), per-layer curves and scatter plots.
 * Each figure is written as PNG and SVG, atomically; tiled grids of heatmaps (many charts in one image) as PNG.
 */
public final class Plots {
    private Plots() {}

    /** White-to-blue scale for probabilities and norms. */
    public static final Color[] SEQUENTIAL = {new Color(255, 255, 255), new Color(107, 174, 214), new Color(8, 48, 107)};
    /** Blue (negative) - white - red (positive) scale for signed scores. */
    public static final Color[] DIVERGING = {new Color(33, 102, 172), new Color(255, 255, 255), new Color(178, 24, 43)};

    /** {@code v} rounded up (away from zero) to 3 significant digits, so legends read 0.0250, not 0.024999999999999967. */
    static double legendBound(double v) {
        if (v == 0 || !Double.isFinite(v)) return v;
        return new java.math.BigDecimal(v).round(new java.math.MathContext(3, java.math.RoundingMode.UP)).doubleValue();
    }

    /**
     * One heatmap of {@code values[row][col]}.
     *
     * @param rowLabels labels of rows (y axis), may be null for indices
     * @param colLabels labels of columns (x axis), may be null for indices
     * @param diverging use the blue-white-red scale symmetric around 0
     */
    public static HeatMapChart heatmap(String title, double[][] values, List<String> rowLabels, List<String> colLabels,
                                       String xTitle, String yTitle, boolean diverging) {
        int rows = values.length;
        int cols = rows == 0 ? 0 : values[0].length;
        int cellW = Math.max(10, Math.min(48, 900 / Math.max(1, cols)));
        int cellH = Math.max(10, Math.min(32, 600 / Math.max(1, rows)));
        HeatMapChart chart = new HeatMapChartBuilder().width(Math.max(520, cellW * cols + 320)).height(Math.max(320, cellH * rows + 180))
                .title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        List<Object> xs = new ArrayList<>();
        List<Object> ys = new ArrayList<>();
        List<String> xl = colLabels == null ? null : uniqueLabels(colLabels);
        List<String> yl = rowLabels == null ? null : uniqueLabels(rowLabels);
        for (int c = 0; c < cols; c++) xs.add(xl == null ? Integer.valueOf(c) : xl.get(c));
        // rows listed bottom-up by XChart: reverse so row 0 is at the top like a matrix
        for (int r = rows - 1; r >= 0; r--) ys.add(yl == null ? Integer.valueOf(r) : yl.get(r));
        List<Number[]> cells = new ArrayList<>(rows * cols);
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                double v = values[r][c];
                cells.add(new Number[]{c, rows - 1 - r, v});
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        chart.addSeries(title, xs, ys, cells);
        chart.getStyler().setShowValue(false).setPiecewise(false);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendVisible(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setAxisTickLabelsFont(chart.getStyler().getAxisTickLabelsFont().deriveFont(cols > 40 ? 7f : 9f));
        chart.getStyler().setXAxisLabelRotation(90);
        chart.getStyler().setGradientColorColumnWeight(12);
        chart.getStyler().setHeatMapValueDecimalPattern("0.00");
        if (diverging) {
            double m = legendBound(Math.max(Math.abs(lo), Math.abs(hi)));
            if (m == 0) m = 1;
            chart.getStyler().setRangeColors(DIVERGING).setMin(-m).setMax(m);
        } else {
            chart.getStyler().setRangeColors(SEQUENTIAL);
            if (rows > 0 && cols > 0) {
                chart.getStyler().setMin(-legendBound(-Math.min(0, lo))).setMax(legendBound(hi > lo ? hi : lo + 1));
            }
        }
        return chart;
    }

    // XChart's categorical axes need distinct labels; a repeated token gets invisible zero-width spaces appended.
    private static List<String> uniqueLabels(List<String> labels) {
        Map<String, Integer> seen = new java.util.HashMap<>();
        List<String> out = new ArrayList<>(labels.size());
        for (String l : labels) {
            int k = seen.merge(l, 1, Integer::sum) - 1;
            out.add(l + "\u200b".repeat(k));
        }
        return out;
    }

    /**
     * Writes a grid of heatmaps (e.g. the 12 heads of a layer) into one PNG, {@code columns} wide (fewer when there
     * are fewer maps); the cells of an incomplete last row stay transparent.
     */
    public static void heatmapGrid(Path png, List<double[][]> maps, List<String> titles, List<String> tokens,
                                   int columns, boolean diverging) throws IOException {
        if (maps.isEmpty()) throw new IllegalArgumentException("heatmap grid " + png + ": no maps");
        if (columns < 1) throw new IllegalArgumentException("heatmap grid " + png + ": columns must be at least 1, got " + columns);
        List<HeatMapChart> charts = new ArrayList<>();
        for (int i = 0; i < maps.size(); i++) {
            charts.add(heatmap(titles.get(i), maps.get(i), tokens.size() <= 48 ? tokens : null,
                    tokens.size() <= 48 ? tokens : null, "attended", "attending", diverging));
        }
        int cols = Math.min(columns, charts.size()), rows = (charts.size() + cols - 1) / cols;
        if (rows * cols == charts.size()) {
            AtomicFiles.write(png, out -> BitmapEncoder.saveBitmap(charts, rows, cols, out, BitmapEncoder.BitmapFormat.PNG));
        } else {
            // XChart's grid needs every cell filled (it fails with IndexOutOfBounds otherwise): merge the images here
            BufferedImage first = BitmapEncoder.getBufferedImage(charts.get(0));
            int w = first.getWidth(), h = first.getHeight();
            BufferedImage grid = new BufferedImage(w * cols, h * rows, BufferedImage.TYPE_INT_ARGB);
            Graphics2D g = grid.createGraphics();
            for (int i = 0; i < charts.size(); i++) {
                BufferedImage cell = i == 0 ? first : BitmapEncoder.getBufferedImage(charts.get(i));
                g.drawImage(cell, (i % cols) * w, (i / cols) * h, null);
            }
            g.dispose();
            AtomicFiles.write(png, out -> ImageIO.write(grid, "png", out));
        }
    }

    /**
     * A per-layer (or any x) line chart with one curve per series; written as PNG and SVG. With more than four series
     * the legend goes beside the plot (inside it would hide curves).
     */
    public static void lineChart(Path png, String title, String xTitle, String yTitle, double[] x,
                                 Map<String, double[]> series) throws IOException {
        boolean many = series.size() > 4;
        XYChart chart = new XYChartBuilder().width(many ? 840 : 720).height(440).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        chart.getStyler().setLegendPosition(many ? Styler.LegendPosition.OutsideE : Styler.LegendPosition.InsideNE);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        for (Map.Entry<String, double[]> e : series.entrySet()) {
            chart.addSeries(e.getKey(), x, e.getValue());
        }
        save(chart, png);
    }

    /**
     * A scatter plot; points are grouped into series by {@code group[i]} (one legend entry and colour per group)
     * and labelled with nothing else.
     */
    public static void scatter(Path png, String title, String xTitle, String yTitle, double[] x, double[] y,
                               String[] group) throws IOException {
        XYChart chart = new XYChartBuilder().width(760).height(600).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        String[] groups = Arrays.stream(group).distinct().sorted().toArray(String[]::new);
        for (String g : groups) {
            List<Double> gx = new ArrayList<>(), gy = new ArrayList<>();
            for (int i = 0; i < x.length; i++) {
                if (group[i].equals(g)) {
                    gx.add(x[i]);
                    gy.add(y[i]);
                }
            }
            chart.addSeries(g, gx, gy);
        }
        save(chart, png);
    }

    /** Writes any chart as PNG at {@code png} and as SVG beside it (same name, .svg). */
    public static void save(Chart<?, ?> chart, Path png) throws IOException {
        AtomicFiles.write(png, out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
        String name = png.getFileName().toString().replaceFirst("\\.png$", "") + ".svg";
        Path svg = png.resolveSibling(name);
        AtomicFiles.write(svg, out -> VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG));
        if (!Files.exists(png)) throw new IOException("plot not written: " + png);
    }
}
