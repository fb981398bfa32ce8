package org.bertology4j.analysis.flow;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.bertology4j.analysis.conllu.Sentence;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Parts-of-speech analysis ({@code flow-pos}): the importance of word t1 at layer n is
 * {@code Σ_t2 map[n][t2][t1]}, the total flow out of t1 into all words of the sentence (t2 = t1 included, as
 * in methods.md). Moments are kept per measure and layer for open-class words (ADJ ADV INTJ NOUN PROPN VERB),
 * closed-class words (ADP AUX CCONJ DET NUM PART PRON SCONJ) and each UPOS (PUNCT, SYM, X appear only there).
 * Layer index {@code layers} holds the pooled value: each word's mean importance over layers.
 */
public final class PosFlowAccumulator {
    /** Open-class UPOS tags. */
    public static final Set<String> OPEN = Set.of("ADJ", "ADV", "INTJ", "NOUN", "PROPN", "VERB");
    /** Closed-class UPOS tags. */
    public static final Set<String> CLOSED = Set.of("ADP", "AUX", "CCONJ", "DET", "NUM", "PART", "PRON", "SCONJ");

    // the JSON state: these fields under their names, restored by the @JsonCreator constructor
    @JsonProperty private final int layers;
    @JsonProperty private final RunningMoments[][] open;
    @JsonProperty private final RunningMoments[][] closed;
    @JsonProperty private final Map<String, RunningMoments[][]> byPos;

    /** Empty accumulator for a model with {@code layers} layers. */
    public PosFlowAccumulator(int layers) {
        this(layers, grid(layers), grid(layers), new TreeMap<>());
    }

    @JsonCreator
    PosFlowAccumulator(@JsonProperty("layers") int layers, @JsonProperty("open") RunningMoments[][] open,
                       @JsonProperty("closed") RunningMoments[][] closed,
                       @JsonProperty("byPos") Map<String, RunningMoments[][]> byPos) {
        this.layers = layers;
        this.open = checkGrid("open", open, layers);
        this.closed = checkGrid("closed", closed, layers);
        this.byPos = new TreeMap<>();
        byPos.forEach((k, v) -> this.byPos.put(k, checkGrid("byPos " + k, v, layers)));
    }

    static RunningMoments[][] grid(int layers) {
        if (layers < 1) throw new IllegalArgumentException("layers must be positive: " + layers);
        RunningMoments[][] g = new RunningMoments[Measure.values().length][layers + 1];
        for (RunningMoments[] row : g) for (int i = 0; i < row.length; i++) row[i] = new RunningMoments();
        return g;
    }

    static RunningMoments[][] checkGrid(String name, RunningMoments[][] g, int layers) {
        if (g == null || g.length != Measure.values().length) throw new IllegalArgumentException(name + ": expected one row per measure");
        for (RunningMoments[] row : g) {
            if (row == null || row.length != layers + 1) throw new IllegalArgumentException(name + ": expected " + (layers + 1) + " entries (layers + pooled)");
        }
        return g;
    }

    /** Adds the sentence's words. */
    public void add(Sentence s, FlowMaps maps) {
        int w = s.size();
        for (int t1 = 0; t1 < w; t1++) {
            String pos = s.words().get(t1).upos();
            RunningMoments[][] cls = OPEN.contains(pos) ? open : CLOSED.contains(pos) ? closed : null;
            RunningMoments[][] tag = byPos.computeIfAbsent(pos, k -> grid(layers));
            for (Measure m : Measure.values()) {
                double[][][] map = maps.map(m);
                double pooled = 0;
                for (int n = 0; n < layers; n++) {
                    double imp = 0;
                    for (int t2 = 0; t2 < w; t2++) imp += map[n][t2][t1];
                    pooled += imp;
                    record(cls, tag, m, n, imp);
                }
                record(cls, tag, m, layers, pooled / layers);
            }
        }
    }

    private static void record(RunningMoments[][] cls, RunningMoments[][] tag, Measure m, int n, double v) {
        if (cls != null) cls[m.ordinal()][n].add(v);
        tag[m.ordinal()][n].add(v);
    }

    /** Merges another shard. */
    public void merge(PosFlowAccumulator o) {
        if (o.layers != layers) throw new IllegalArgumentException("cannot merge part-of-speech shards with " + layers + " and " + o.layers + " layers");
        mergeGrid(open, o.open);
        mergeGrid(closed, o.closed);
        o.byPos.forEach((k, v) -> mergeGrid(byPos.computeIfAbsent(k, x -> grid(layers)), v));
    }

    private static void mergeGrid(RunningMoments[][] into, RunningMoments[][] from) {
        for (int i = 0; i < into.length; i++) for (int j = 0; j < into[i].length; j++) into[i][j].merge(from[i][j]);
    }

    /** Number of layers. */
    public int layers() { return layers; }

    /** Open vs closed (group 1 = open class) per measure, and per-UPOS mean importance. */
    public PosFlowResult result() {
        Map<String, Comparison> openClosed = new LinkedHashMap<>();
        Map<String, Map<String, PosFlowResult.PosMeans>> perPos = new LinkedHashMap<>();
        for (Measure m : Measure.values()) {
            List<WelchResult> perLayer = new ArrayList<>();
            for (int n = 0; n < layers; n++) perLayer.add(WelchResult.of(open[m.ordinal()][n], closed[m.ordinal()][n]));
            openClosed.put(m.symbol(), new Comparison(perLayer, WelchResult.of(open[m.ordinal()][layers], closed[m.ordinal()][layers])));
            Map<String, PosFlowResult.PosMeans> tags = new LinkedHashMap<>();
            byPos.forEach((pos, g) -> {
                double[] means = new double[layers];
                for (int n = 0; n < layers; n++) means[n] = g[m.ordinal()][n].mean();
                RunningMoments pooled = g[m.ordinal()][layers];
                tags.put(pos, new PosFlowResult.PosMeans(pooled.n(), means, pooled.mean(), MeanInterval.of(pooled)));
            });
            perPos.put(m.symbol(), tags);
        }
        return new PosFlowResult(openClosed, perPos);
    }
}
