package org.bertology4j.analysis.flow;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.bertology4j.analysis.conllu.Sentence;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Dependency analysis ({@code flow-deps}): per sentence and layer, Pearson r between the flow
 * {@code map[n][t2][t1]} and the gold tree distance d(t1, t2) over all <b>ordered</b> word pairs t1 != t2 (both
 * directions are separate points; the distance is symmetric, the flow is not), and the same r against the
 * right-branching tree's distance |t1 - t2|. Mean r over sentences (with 95% intervals) of the gold r, the
 * baseline r and their per-sentence difference. Layer index {@code layers} uses the map averaged over layers.
 * Sentences under 3 words (the distance is then constant) are skipped, as are (sentence, layer) cases where
 * the flow is constant.
 */
public final class DependencyFlowAccumulator {
    // the JSON state: these fields under their names, restored by the @JsonCreator constructor
    @JsonProperty private final int layers;
    @JsonProperty private final RunningMoments[][] gold;
    @JsonProperty private final RunningMoments[][] baseline;
    @JsonProperty private final RunningMoments[][] difference;
    @JsonProperty private long skippedShort;

    /** Empty accumulator for a model with {@code layers} layers. */
    public DependencyFlowAccumulator(int layers) {
        this(layers, PosFlowAccumulator.grid(layers), PosFlowAccumulator.grid(layers), PosFlowAccumulator.grid(layers), 0);
    }

    @JsonCreator
    DependencyFlowAccumulator(@JsonProperty("layers") int layers, @JsonProperty("gold") RunningMoments[][] gold,
                              @JsonProperty("baseline") RunningMoments[][] baseline,
                              @JsonProperty("difference") RunningMoments[][] difference,
                              @JsonProperty("skippedShort") long skippedShort) {
        this.layers = layers;
        this.gold = PosFlowAccumulator.checkGrid("gold", gold, layers);
        this.baseline = PosFlowAccumulator.checkGrid("baseline", baseline, layers);
        this.difference = PosFlowAccumulator.checkGrid("difference", difference, layers);
        this.skippedShort = skippedShort;
    }

    /** Adds one sentence. */
    public void add(Sentence s, FlowMaps maps) {
        int w = s.size();
        if (w < 3) {
            skippedShort++;
            return;
        }
        int[][] dg = DependencyTrees.goldDistances(s);
        int[][] db = DependencyTrees.rightBranchingDistances(w);
        int pairs = w * (w - 1);
        double[] xg = new double[pairs], xb = new double[pairs];
        int k = 0;
        for (int t2 = 0; t2 < w; t2++) {
            for (int t1 = 0; t1 < w; t1++) {
                if (t1 == t2) continue;
                xg[k] = dg[t1][t2];
                xb[k++] = db[t1][t2];
            }
        }
        for (Measure m : Measure.values()) {
            double[][][] map = maps.map(m);
            double[] mean = new double[pairs];
            for (int n = 0; n <= layers; n++) {
                double[] y = n < layers ? values(map[n], w, pairs) : mean;
                if (n < layers) for (int i = 0; i < pairs; i++) mean[i] += y[i] / layers;
                double rg = Pearson.r(y, xg), rb = Pearson.r(y, xb);
                if (Double.isNaN(rg) || Double.isNaN(rb)) continue;
                gold[m.ordinal()][n].add(rg);
                baseline[m.ordinal()][n].add(rb);
                difference[m.ordinal()][n].add(rg - rb);
            }
        }
    }

    private static double[] values(double[][] layer, int w, int pairs) {
        double[] y = new double[pairs];
        int k = 0;
        for (int t2 = 0; t2 < w; t2++) for (int t1 = 0; t1 < w; t1++) if (t1 != t2) y[k++] = layer[t2][t1];
        return y;
    }

    /** Merges another shard. */
    public void merge(DependencyFlowAccumulator o) {
        if (o.layers != layers) throw new IllegalArgumentException("cannot merge dependency shards with " + layers + " and " + o.layers + " layers");
        for (int i = 0; i < gold.length; i++) {
            for (int j = 0; j <= layers; j++) {
                gold[i][j].merge(o.gold[i][j]);
                baseline[i][j].merge(o.baseline[i][j]);
                difference[i][j].merge(o.difference[i][j]);
            }
        }
        skippedShort += o.skippedShort;
    }

    /** Number of layers. */
    public int layers() { return layers; }

    /** Sentences skipped for having fewer than 3 words. */
    public long skippedShort() { return skippedShort; }

    /** Mean r per measure and layer. */
    public DependencyFlowResult result() {
        Map<String, List<DependencyFlowResult.LayerR>> per = new LinkedHashMap<>();
        Map<String, DependencyFlowResult.LayerR> pooled = new LinkedHashMap<>();
        for (Measure m : Measure.values()) {
            List<DependencyFlowResult.LayerR> list = new ArrayList<>();
            for (int n = 0; n <= layers; n++) {
                int i = m.ordinal();
                var r = new DependencyFlowResult.LayerR(MeanInterval.of(gold[i][n]), MeanInterval.of(baseline[i][n]),
                        MeanInterval.of(difference[i][n]));
                if (n < layers) list.add(r); else pooled.put(m.symbol(), r);
            }
            per.put(m.symbol(), list);
        }
        return new DependencyFlowResult(skippedShort, per, pooled);
    }
}
