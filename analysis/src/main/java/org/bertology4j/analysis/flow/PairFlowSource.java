package org.bertology4j.analysis.flow;

import org.bertology4j.analysis.conllu.Sentence;

/**
 * Computes the word-level flow from one word into another of a sentence, for every measure and layer: what the
 * coreference pairs study needs, without the whole maps ({@link EngineFlowSource} computes only the gradient rows
 * of the target word's pieces).
 */
@FunctionalInterface
public interface PairFlowSource {
    /**
     * @param sentence a treebank sentence
     * @param t1       0-based index of the word the flow comes from (the noun)
     * @param t2       0-based index of the word it flows into (the pronoun)
     * @return {@code [measure ordinal][layer]} flow from t1 into t2 ({@link FlowMaps#flow}), or null to skip the
     *         sentence (e.g. too long for the model)
     */
    double[][] compute(Sentence sentence, int t1, int t2);

    /** The pair's entries of the whole maps of {@code source} (a reference path for tests and small runs). */
    static PairFlowSource of(FlowSource source) {
        return (s, t1, t2) -> {
            FlowMaps maps = source.compute(s);
            return maps == null ? null : values(maps, t1, t2);
        };
    }

    /** {@code [measure ordinal][layer]} flow from word t1 into word t2 of {@code maps}. */
    static double[][] values(FlowMaps maps, int t1, int t2) {
        double[][] v = new double[Measure.values().length][maps.layers()];
        for (Measure m : Measure.values()) {
            for (int n = 0; n < maps.layers(); n++) v[m.ordinal()][n] = maps.flow(m, n, t1, t2);
        }
        return v;
    }
}
