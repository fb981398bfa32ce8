package org.bertology4j.analysis.kovaleva;

import org.bertology4j.analysis.tasks.DevSample;
import org.bertology4j.analysis.tasks.TaskEncoder;
import org.bertology4j.core.model.BertModel;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Kovaleva et al.'s [CLS] analysis: what the [CLS] token attends to ("our investigation of attention distribution
 * for the [CLS] token in the output layer suggests that for most tasks ... the [SEP] gets attended the most",
 * section "Token-to-token attention"). For every layer, head and example, the [CLS] row is split over the token
 * categories of {@link ClsTarget}: the mass on each category, and the category of the most attended token. Reported
 * per layer (mean over heads and examples) and per head; the paper's claim is about the last (output) layer.
 *
 * <pre>{@code
 * ClsAttentionStudy.Result r = ClsAttentionStudy.run(model, "bert-base-uncased", dev);
 * double sepFirst = r.argmaxShare()[11][ClsTarget.SEP.ordinal()];   // output layer
 * }</pre>
 */
public final class ClsAttentionStudy {
    private ClsAttentionStudy() {}

    /**
     * The study's outcome; arrays indexed by {@link ClsTarget#ordinal()} last.
     *
     * @param modelIdentity the model's identity
     * @param task          the task's name
     * @param examples      examples analysed
     * @param mass          [layer][head][category] mean [CLS] attention on the category's tokens
     * @param argmax        [layer][head][category] share of examples whose most attended token is of the category
     */
    public record Result(String modelIdentity, String task, long examples, double[][][] mass, double[][][] argmax) {
        /** [layer][category] mass, mean over heads. */
        public double[][] massPerLayer() { return perLayer(mass); }

        /** [layer][category] share of (head, example) maps whose most attended token is of the category. */
        public double[][] argmaxShare() { return perLayer(argmax); }

        /** The category most often attended the most by each head [layer][head]. */
        public ClsTarget[][] dominant() {
            ClsTarget[][] out = new ClsTarget[argmax.length][];
            for (int l = 0; l < argmax.length; l++) {
                out[l] = new ClsTarget[argmax[l].length];
                for (int h = 0; h < argmax[l].length; h++) {
                    int best = 0;
                    for (int c = 1; c < argmax[l][h].length; c++) if (argmax[l][h][c] > argmax[l][h][best]) best = c;
                    out[l][h] = ClsTarget.values()[best];
                }
            }
            return out;
        }

        private static double[][] perLayer(double[][][] v) {
            double[][] out = new double[v.length][ClsTarget.values().length];
            for (int l = 0; l < v.length; l++) {
                for (double[] head : v[l]) for (int c = 0; c < head.length; c++) out[l][c] += head[c] / v[l].length;
            }
            return out;
        }

        /** [layer][head] values of one category. */
        double[][] grid(double[][][] v, ClsTarget c) {
            double[][] out = new double[v.length][];
            for (int l = 0; l < v.length; l++) {
                out[l] = new double[v[l].length];
                for (int h = 0; h < v[l].length; h++) out[l][h] = v[l][h][c.ordinal()];
            }
            return out;
        }

        /** The cls-attention.json content. */
        public Map<String, Object> toJson() {
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("model", modelIdentity);
            report.put("task", task);
            report.put("examples", examples);
            report.put("categories", java.util.Arrays.stream(ClsTarget.values()).map(Enum::name).toList());
            report.put("definition", "the [CLS] row of each map: mass = attention summed over the category's tokens; argmax = "
                    + "category of the most attended token; per layer: mean over heads and examples");
            int last = mass.length - 1;
            Map<String, Object> output = new LinkedHashMap<>();
            output.put("layer", last + 1);
            output.put("mass", named(massPerLayer()[last]));
            output.put("argmax_share", named(argmaxShare()[last]));
            output.put("dominant_per_head", java.util.Arrays.stream(dominant()[last]).map(Enum::name).toList());
            report.put("output_layer", output);
            report.put("mass_per_layer", massPerLayer());
            report.put("argmax_share_per_layer", argmaxShare());
            Map<String, Object> perHead = new LinkedHashMap<>();
            for (ClsTarget c : ClsTarget.values()) perHead.put(c.name(), grid(mass, c));
            report.put("mass_per_head", perHead);
            Map<String, Object> argHead = new LinkedHashMap<>();
            for (ClsTarget c : ClsTarget.values()) argHead.put(c.name(), grid(argmax, c));
            report.put("argmax_share_per_head", argHead);
            return report;
        }

        private static Map<String, Double> named(double[] v) {
            Map<String, Double> m = new LinkedHashMap<>();
            for (ClsTarget c : ClsTarget.values()) m.put(c.name(), v[c.ordinal()]);
            return m;
        }

        /** Writes {@code cls-attention.json} and, with {@code plots}, the argmax share per head of each category ({@code cls-attention.png}); returns the files. */
        public List<Path> write(Path dir, boolean plots) throws IOException {
            List<String> titles = new ArrayList<>();
            List<double[][]> grids = new ArrayList<>();
            for (ClsTarget c : ClsTarget.values()) {
                titles.add("[CLS] attends most to " + c.name().toLowerCase(Locale.ROOT));
                grids.add(grid(argmax, c));
            }
            return StudyFiles.jsonAndGrid(dir, "cls-attention", toJson(), plots, titles, grids, false, 4);
        }
    }

    /**
     * @throws IllegalArgumentException when the task is not a GUM task (categories come from CoNLL-U)
     */
    public static Result run(BertModel model, String modelIdentity, DevSample dev) {
        if (!dev.task().name().startsWith("gum-")) {
            throw new IllegalArgumentException("the [CLS] analysis needs a GUM task (gum-genre or gum-next): token categories come from CoNLL-U");
        }
        TaskEncoder.Encoded e = dev.encoded();
        int layers = model.config().numHiddenLayers(), heads = model.config().numAttentionHeads(), k = ClsTarget.values().length;
        double[][][] mass = new double[layers][heads][k], argmax = new double[layers][heads][k];
        AttentionRunner.run(model, e.examples(), 16, (i, maps) -> {
            ExampleWords words = ExampleWords.of(e.encodings().get(i), e.sources().get(i));
            boolean[] special = SpecialTokens.of(e.examples().get(i));
            int n = maps.length();
            int[] cat = new int[n];
            for (int p = 0; p < n; p++) cat[p] = ClsTarget.of(p, special, words).ordinal();
            for (int l = 0; l < layers; l++) {
                for (int h = 0; h < heads; h++) {
                    double[] a = maps.map(l, h);   // row 0 is [CLS]'s
                    int best = 0;
                    for (int j = 0; j < n; j++) {
                        mass[l][h][cat[j]] += a[j];
                        if (a[j] > a[best]) best = j;
                    }
                    argmax[l][h][cat[best]]++;
                }
            }
        });
        int count = e.examples().size();
        for (double[][] layer : mass) for (double[] head : layer) for (int c = 0; c < k; c++) head[c] /= count;
        for (double[][] layer : argmax) for (double[] head : layer) for (int c = 0; c < k; c++) head[c] /= count;
        return new Result(modelIdentity, dev.task().name(), count, mass, argmax);
    }
}
