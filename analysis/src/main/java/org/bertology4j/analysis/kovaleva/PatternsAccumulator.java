package org.bertology4j.analysis.kovaleva;

/** Counts the pattern class of every head's map over examples. */
final class PatternsAccumulator {
    private final int layers, heads;
    private final long[][][] counts; // [layer][head][class]
    private final PatternRule rule;
    private long examples;

    public PatternsAccumulator(int layers, int heads, PatternRule rule) {
        this.layers = layers;
        this.heads = heads;
        this.rule = rule;
        this.counts = new long[layers][heads][PatternClass.values().length];
    }

    /** Classifies every head of one example. */
    public void add(AttentionMaps maps, boolean[] special, int[] segments) {
        int n = maps.length();
        for (int l = 0; l < layers; l++) {
            for (int h = 0; h < heads; h++) {
                counts[l][h][rule.classify(PatternFeatures.of(maps.map(l, h), n, special, segments)).ordinal()]++;
            }
        }
        examples++;
    }

    public long examples() { return examples; }

    /** Share of examples on which head (l, h) falls in {@code c}. */
    public double share(int l, int h, PatternClass c) {
        return examples == 0 ? Double.NaN : counts[l][h][c.ordinal()] / (double) examples;
    }

    /** Share of all (example, head) maps in {@code c}. */
    public double overallShare(PatternClass c) {
        long s = 0;
        for (long[][] layer : counts) for (long[] head : layer) s += head[c.ordinal()];
        return examples == 0 ? Double.NaN : s / (double) (examples * layers * heads);
    }

    /** [layer][head] shares of one class. */
    public double[][] shares(PatternClass c) {
        double[][] out = new double[layers][heads];
        for (int l = 0; l < layers; l++) for (int h = 0; h < heads; h++) out[l][h] = share(l, h, c);
        return out;
    }

    /** The class each head shows most often. */
    public PatternClass dominant(int l, int h) {
        PatternClass best = PatternClass.HETEROGENEOUS;
        for (PatternClass c : PatternClass.values()) if (counts[l][h][c.ordinal()] > counts[l][h][best.ordinal()]) best = c;
        return best;
    }
}
