package org.bertology4j.analysis.flow;

import org.bertology4j.plot.Plots;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The study's figures from a {@link FlowReport}; layers on the x axis are 0-based (index n = layer n+1), as in
 * the study. Files (PNG + SVG), per measure symbol S ("A", "G", "Gstar" for G*):
 * {@code flow-coref-S} (coreferent vs other, all pairs; S = G is the study's Figure 1), {@code flow-pos-S} (open vs
 * closed; S = A is the study's Figure 2), {@code flow-pos-upos-S} (mean importance per layer of each part of speech
 * with at least {@link #MIN_WORDS} words), {@code flow-deps-S} (mean r gold vs right-branching), {@code flow-coref-t}
 * and {@code flow-pos-t} (t per layer), {@code flow-attention-gradient} (histogram of per-sentence r). The
 * coreference pair study draws the same coreference figures under its own prefix ({@link #writeCoref}).
 */
public final class FlowPlots {
    /** Parts of speech with fewer words are left out of {@code flow-pos-upos-S}. */
    public static final int MIN_WORDS = 20;

    private FlowPlots() {}

    /**
     * Writes {@code PREFIX-S} (mean flow from noun into pronoun per layer, coreferent vs not) per measure and
     * {@code PREFIX-t} (Welch t per layer) into {@code dir}; returns the PNG paths.
     *
     * @param comparisons per measure symbol, group 1 = coreferent
     */
    public static List<Path> writeCoref(Path dir, String prefix, Map<String, Comparison> comparisons) throws IOException {
        List<Path> out = new ArrayList<>();
        Map<String, double[]> t = new LinkedHashMap<>();
        double[] x = null;
        for (Measure m : Measure.values()) {
            String s = m.symbol();
            List<WelchResult> coref = comparisons.get(s).perLayer();
            x = layers(coref.size());
            out.add(line(dir.resolve(prefix + "-" + s.replace("*", "star") + ".png"), "Coreference: mean " + s
                    + " from noun into pronoun", s, x, Map.of("coreferent", col(coref, WelchResult::mean1),
                    "not coreferent", col(coref, WelchResult::mean2))));
            t.put(s, col(coref, WelchResult::t));
        }
        out.add(line(dir.resolve(prefix + "-t.png"), "Coreference: Welch t (coreferent - other)", "t", x, t));
        return out;
    }

    private static double[] layers(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) x[i] = i;
        return x;
    }

    /** Writes all figures into {@code dir}; returns the PNG paths. */
    public static List<Path> write(Path dir, FlowReport r) throws IOException {
        List<Path> out = new ArrayList<>(writeCoref(dir, "flow-coref", r.coref().all()));
        double[] x = layers(r.layers());
        Map<String, double[]> posT = new LinkedHashMap<>();
        for (Measure m : Measure.values()) {
            String s = m.symbol(), file = s.replace("*", "star");
            List<WelchResult> pos = r.pos().openVsClosed().get(s).perLayer();
            out.add(line(dir.resolve("flow-pos-" + file + ".png"), "Parts of speech: mean importance (" + s + ")",
                    "importance", x, Map.of("open class", col(pos, WelchResult::mean1), "closed class", col(pos, WelchResult::mean2))));
            posT.put(s, col(pos, WelchResult::t));
            Map<String, double[]> tags = new LinkedHashMap<>();
            r.pos().perPos().get(s).forEach((tag, means) -> {
                if (means.words() >= MIN_WORDS) tags.put(tag + " (" + means.words() + ")", means.layers());
            });
            if (!tags.isEmpty()) {
                out.add(line(dir.resolve("flow-pos-upos-" + file + ".png"), "Parts of speech: mean importance (" + s + ") per UPOS",
                        "importance", x, tags));
            }
            List<DependencyFlowResult.LayerR> deps = r.deps().perLayer().get(s);
            out.add(line(dir.resolve("flow-deps-" + file + ".png"), "Dependencies: mean Pearson r of " + s + " with tree distance",
                    "mean r", x, Map.of("gold tree", col(deps, l -> l.gold().mean()),
                            "right-branching", col(deps, l -> l.rightBranching().mean()))));
        }
        out.add(line(dir.resolve("flow-pos-t.png"), "Parts of speech: Welch t (open - closed)", "t", x, posT));
        AttentionGradientCorrelation.Distribution g = r.correlation().attentionVsGradient();
        AttentionGradientCorrelation.Distribution gs = r.correlation().attentionVsGradientFromEmbeddings();
        double[] centres = new double[g.counts().length];
        for (int i = 0; i < centres.length; i++) centres[i] = (g.binEdges()[i] + g.binEdges()[i + 1]) / 2;
        Path hist = dir.resolve("flow-attention-gradient.png");
        Plots.lineChart(hist, "Per-sentence r of attention with gradients", "r", "sentences", centres,
                ordered(Map.of("A vs G", toDouble(g.counts()), "A vs G*", toDouble(gs.counts()))));
        out.add(hist);
        return out;
    }

    private static Path line(Path png, String title, String y, double[] x, Map<String, double[]> series) throws IOException {
        Plots.lineChart(png, title, "layer (0-based)", y, x, ordered(series));
        return png;
    }

    // Map.of has no order: sort series names so legends are stable; drop series with no defined value
    private static Map<String, double[]> ordered(Map<String, double[]> m) {
        Map<String, double[]> o = new LinkedHashMap<>();
        m.keySet().stream().sorted().filter(k -> java.util.Arrays.stream(m.get(k)).anyMatch(Double::isFinite))
                .forEach(k -> o.put(k, m.get(k)));
        return o;
    }

    private static <T> double[] col(List<T> rows, ToDoubleFunction<T> f) {
        // undefined values (NaN) are drawn as gaps
        return rows.stream().mapToDouble(f).map(v -> Double.isFinite(v) ? v : Double.NaN).toArray();
    }

    private static double[] toDouble(long[] c) {
        double[] d = new double[c.length];
        for (int i = 0; i < c.length; i++) d[i] = c[i];
        return d;
    }
}
