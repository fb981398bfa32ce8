package org.bertology4j.cli;

import org.bertology4j.io.AtomicFiles;
import org.bertology4j.plot.Plots;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** PNG figures of [layer][head] values (12x12 for BERT-base): one heatmap or a grid of them. */
final class HeadGrids {
    private HeadGrids() {}

    static void write(Path png, List<String> titles, List<double[][]> values, boolean diverging, int columns) throws IOException {
        List<HeatMapChart> charts = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            double[][] v = values.get(i);
            List<String> rows = new ArrayList<>(), cols = new ArrayList<>();
            for (int l = 0; l < v.length; l++) rows.add("L" + (l + 1));
            for (int h = 0; h < v[0].length; h++) cols.add("H" + (h + 1));
            double[][] clean = new double[v.length][];
            for (int l = 0; l < v.length; l++) {
                clean[l] = v[l].clone();
                for (int h = 0; h < clean[l].length; h++) if (Double.isNaN(clean[l][h])) clean[l][h] = 0;
            }
            charts.add(Plots.heatmap(titles.get(i), clean, rows, cols, "head", "layer", diverging));
        }
        int cols = Math.min(columns, charts.size());
        while (charts.size() % cols != 0) cols--; // the encoder needs a full rows x cols grid
        int rows = charts.size() / cols, c = cols;
        AtomicFiles.write(png, out -> BitmapEncoder.saveBitmap(charts, rows, c, out, BitmapEncoder.BitmapFormat.PNG));
    }
}
