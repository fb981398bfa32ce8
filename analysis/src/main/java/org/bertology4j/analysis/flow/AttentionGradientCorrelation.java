package org.bertology4j.analysis.flow;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Per-sentence Pearson correlation of attention with G and with G*, over all layers and all ordered word pairs
 * t1 != t2 (entries {@code [n][t2][t1]}). The diagonal is left out because G's self-flow carries the residual
 * connection and would dominate the correlation. Per-sentence values are stored, so merging is exact.
 * Sentences with one word, or where a map is constant, give no value.
 */
public final class AttentionGradientCorrelation {
    /** Histogram bins over [-1, 1]. */
    public static final int BINS = 20;

    private final List<Double> withGradient;
    private final List<Double> withGradientFromEmbeddings;

    /** Empty. */
    public AttentionGradientCorrelation() {
        this(new ArrayList<>(), new ArrayList<>());
    }

    @JsonCreator
    AttentionGradientCorrelation(@JsonProperty("withGradient") List<Double> withGradient,
                                 @JsonProperty("withGradientFromEmbeddings") List<Double> withGradientFromEmbeddings) {
        this.withGradient = new ArrayList<>(withGradient);
        this.withGradientFromEmbeddings = new ArrayList<>(withGradientFromEmbeddings);
    }

    /** Adds one sentence. */
    public void add(FlowMaps maps) {
        double[] a = offDiagonal(maps.attention());
        if (a.length < 2) return;
        double rg = Pearson.r(a, offDiagonal(maps.gradient()));
        double rs = Pearson.r(a, offDiagonal(maps.gradientFromEmbeddings()));
        if (!Double.isNaN(rg)) withGradient.add(rg);
        if (!Double.isNaN(rs)) withGradientFromEmbeddings.add(rs);
    }

    private static double[] offDiagonal(double[][][] map) {
        int w = map[0].length;
        double[] out = new double[map.length * w * (w - 1)];
        int k = 0;
        for (double[][] layer : map) for (int t2 = 0; t2 < w; t2++) for (int t1 = 0; t1 < w; t1++) if (t1 != t2) out[k++] = layer[t2][t1];
        return out;
    }

    /** Appends another shard's values. */
    public void merge(AttentionGradientCorrelation o) {
        withGradient.addAll(o.withGradient);
        withGradientFromEmbeddings.addAll(o.withGradientFromEmbeddings);
    }

    /** Per-sentence r(A, G) in corpus order. */
    @JsonProperty("withGradient")
    public List<Double> withGradient() { return java.util.Collections.unmodifiableList(withGradient); }

    /** Per-sentence r(A, G*) in corpus order. */
    @JsonProperty("withGradientFromEmbeddings")
    public List<Double> withGradientFromEmbeddings() { return java.util.Collections.unmodifiableList(withGradientFromEmbeddings); }

    /** Distributions of both correlations. */
    public Result result() {
        return new Result(Distribution.of(withGradient), Distribution.of(withGradientFromEmbeddings));
    }

    /** r(A, G) and r(A, G*) distributions. */
    public record Result(Distribution attentionVsGradient, Distribution attentionVsGradientFromEmbeddings) {}

    /**
     * Summary and histogram of per-sentence values.
     *
     * @param binEdges  {@link #BINS}+1 edges over [-1, 1]; bin i is [edge i, edge i+1), the last one closed
     */
    public record Distribution(long n, double mean, MeanInterval interval, double min, double q1, double median, double q3,
                               double max, double[] binEdges, long[] counts) {
        static Distribution of(List<Double> values) {
            double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
            double[] edges = new double[BINS + 1];
            for (int i = 0; i <= BINS; i++) edges[i] = -1 + 2.0 * i / BINS;
            long[] counts = new long[BINS];
            for (double x : v) counts[Math.min(BINS - 1, (int) Math.floor((x + 1) / 2 * BINS))]++;
            double[] s = v.clone();
            Arrays.sort(s);
            RunningMoments m = RunningMoments.of(v);
            return new Distribution(v.length, m.mean(), MeanInterval.of(m), s.length == 0 ? Double.NaN : s[0],
                    quantile(s, 0.25), quantile(s, 0.5), quantile(s, 0.75),
                    s.length == 0 ? Double.NaN : s[s.length - 1], edges, counts);
        }

        // linear interpolation between order statistics (type 7, as R's default)
        private static double quantile(double[] sorted, double q) {
            if (sorted.length == 0) return Double.NaN;
            double h = (sorted.length - 1) * q;
            int lo = (int) Math.floor(h);
            int hi = Math.min(sorted.length - 1, lo + 1);
            return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
        }
    }
}
