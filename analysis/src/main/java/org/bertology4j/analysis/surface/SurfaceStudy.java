package org.bertology4j.analysis.surface;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bertology4j.corpus.CorpusRunner;
import org.bertology4j.io.AtomicFiles;
import org.bertology4j.io.JsonFiles;
import org.bertology4j.plot.HeadPlots;
import org.bertology4j.plot.Plots;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Clark et al. section 3: per-head surface statistics (attention to previous/next token, [CLS], [SEP], punctuation,
 * entropies) over paragraph pairs {@code [CLS] p1 [SEP] p2 [SEP]}, and the mean |dLoss/dA| of the masked-LM loss per
 * layer by attention target (their Fig. 3). Run the job of {@link org.bertology4j.distributed.CorpusAnalyses#surface()}
 * (options {@code gradients}, {@code max-sequences}, {@code seed}) with {@link CorpusRunner}, then {@link #write} the
 * result files.
 */
public final class SurfaceStudy {
    private SurfaceStudy() {}

    /** Writes surface.json, surface.md and the figures, and with a gradient section surface-gradients.json and its figure. */
    public static List<Path> write(CorpusRunner.Result<SurfacePass> r, Path out, boolean plots) throws IOException {
        List<Path> written = write(r.accumulator().surface(), out, plots, note(r));
        if (r.accumulator().gradients() != null) written.addAll(writeGradients(r.accumulator().gradients(), out, plots));
        return written;
    }

    /** The run note of surface.md (and cluster.md). */
    public static String note(CorpusRunner.Result<SurfacePass> r) {
        SurfacePass pass = r.accumulator();
        int maxPieces = r.job().maxPieces();
        if (r.distributed()) return r.distributedNote(pass.sequences() + " paragraph pairs of at most " + maxPieces + " pieces");
        return String.format(Locale.ROOT, "Model: %s. Input: %s. Sequences: %d paragraph pairs of at most %d pieces. "
                        + "Run time this session: %.0f s, forward passes %.0f s (%.0f%%).%n",
                r.model(), r.job().corpus(), pass.sequences(), maxPieces, r.seconds(), r.engine().seconds(), r.enginePercent());
    }

    /** Writes surface.json, surface.md, one heatmap per statistic and the per-layer curves. */
    public static List<Path> write(SurfaceAccumulator s, Path out, boolean plots, String note) throws IOException {
        List<Path> written = new ArrayList<>();
        Path jp = out.resolve("surface.json");
        ObjectNode json = s.resultJson();
        String findings = "";
        if (s.sequences() > 0) {
            SurfaceFindings f = SurfaceFindings.of(s);
            json.set("paper_findings", f.toJson(s.layers() * s.heads()));
            findings = "\nBeside the paper's statements (Sect. 3.1-3.3):\n\n" + f.toMarkdown(s.layers() * s.heads());
        }
        JsonFiles.write(jp, json);
        written.add(jp);
        Path md = out.resolve("surface.md");
        AtomicFiles.writeString(md, "# Surface statistics of attention heads (Clark et al. 2019, section 3)\n\n" + note + "\n" + markdown(s)
                + findings);
        written.add(md);
        if (!plots || s.sequences() == 0) return written;
        Map<String, double[][]> shares = new LinkedHashMap<>(), entropies = new LinkedHashMap<>();
        for (int k = 0; k < SurfaceAccumulator.STATS.length; k++) {
            String stat = SurfaceAccumulator.STATS[k];
            double[][] v = perHead(s, k);
            Path png = out.resolve("surface-" + stat.replace('_', '-') + ".png");
            HeadPlots.layerHeadHeatmap(png, stat + (stat.contains("entropy") ? " (nats)" : stat.equals("broad_rows") ? " (share of rows)" : " (mean attention)"), v);
            written.add(png);
            (stat.contains("entropy") ? entropies : shares).put(stat, v);
        }
        Path curves = out.resolve("surface-per-layer.png");
        HeadPlots.perLayerCurves(curves, "Mean over heads per layer", "mean attention", shares);
        written.add(curves);
        Path ent = out.resolve("surface-entropy-per-layer.png");
        HeadPlots.perLayerCurves(ent, "Mean attention entropy per layer", "nats", entropies);
        written.add(ent);
        return written;
    }

    /** Writes surface-gradients.json and the per-layer curves of mean |dLoss/dA| by attention target (Clark Fig. 3). */
    public static List<Path> writeGradients(GradientAccumulator g, Path out, boolean plots) throws IOException {
        List<Path> written = new ArrayList<>();
        int layers = g.layers();
        ObjectNode json = JsonFiles.MAPPER.createObjectNode();
        json.put("definition", "mean |dLoss/dA| per layer over heads, rows and attention targets of each kind; loss = mean "
                + "masked-LM cross-entropy over 15% of the content pieces replaced by [MASK] (seeded per sequence)");
        Map<String, double[]> curves = new LinkedHashMap<>();
        for (int k = 0; k < GradientAccumulator.TARGETS.length; k++) {
            double[] v = new double[layers];
            for (int l = 0; l < layers; l++) v[l] = g.mean(l, k);
            curves.put(GradientAccumulator.TARGETS[k], v);
            var arr = json.putArray(GradientAccumulator.TARGETS[k]);
            for (double x : v) arr.add(x);
        }
        Path jp = out.resolve("surface-gradients.json");
        JsonFiles.write(jp, json);
        written.add(jp);
        if (plots) {
            double[] x = new double[layers];
            for (int l = 0; l < layers; l++) x[l] = l + 1;
            Path png = out.resolve("surface-gradients.png");
            Plots.lineChart(png, "Gradient of the masked-LM loss w.r.t. attention (Clark Fig. 3)",
                    "layer", "mean |dLoss/dA|", x, curves);
            written.add(png);
        }
        return written;
    }

    /** The per-head means of statistic {@code stat} ({@link SurfaceAccumulator#STATS}) as [layer][head]. */
    public static double[][] perHead(SurfaceAccumulator s, int stat) {
        double[][] v = new double[s.layers()][s.heads()];
        for (int l = 0; l < s.layers(); l++)
            for (int h = 0; h < s.heads(); h++) v[l][h] = s.mean(l, h, stat);
        return v;
    }

    /** Per-layer means of each statistic, plus the heads with the largest value of each. */
    public static String markdown(SurfaceAccumulator s) {
        StringBuilder sb = new StringBuilder("Per-layer mean over heads:\n\n| Layer |");
        for (String st : SurfaceAccumulator.STATS) sb.append(' ').append(st).append(" |");
        sb.append("\n|---:|").append("---:|".repeat(SurfaceAccumulator.STATS.length)).append('\n');
        for (int l = 0; l < s.layers(); l++) {
            sb.append("| ").append(l + 1).append(" |");
            for (int k = 0; k < SurfaceAccumulator.STATS.length; k++) {
                double m = 0;
                for (int h = 0; h < s.heads(); h++) m += s.mean(l, h, k);
                sb.append(String.format(Locale.ROOT, " %.3f |", m / s.heads()));
            }
            sb.append('\n');
        }
        sb.append("\nHeads with the largest value (head: value):\n\n| Statistic | Top heads |\n|---|---|\n");
        for (int k = 0; k < SurfaceAccumulator.STATS.length; k++) {
            final int stat = k;
            List<int[]> hs = new ArrayList<>();
            for (int l = 0; l < s.layers(); l++) for (int h = 0; h < s.heads(); h++) hs.add(new int[]{l, h});
            hs.sort((a, b) -> Double.compare(s.mean(b[0], b[1], stat), s.mean(a[0], a[1], stat)));
            sb.append("| ").append(SurfaceAccumulator.STATS[k]).append(" |");
            for (int i = 0; i < 5 && i < hs.size(); i++) {
                int[] x = hs.get(i);
                sb.append(String.format(Locale.ROOT, " %d-%d: %.2f", x[0] + 1, x[1] + 1, s.mean(x[0], x[1], stat)));
            }
            sb.append(" |\n");
        }
        return sb.toString();
    }
}
