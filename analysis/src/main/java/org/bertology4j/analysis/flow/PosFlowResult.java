package org.bertology4j.analysis.flow;

import java.util.Map;

/**
 * Parts-of-speech results.
 *
 * @param openVsClosed per measure symbol: open class (group 1) vs closed class (group 2) importance
 * @param perPos       per measure symbol, per UPOS: mean importance per layer and pooled
 */
public record PosFlowResult(Map<String, Comparison> openVsClosed, Map<String, Map<String, PosMeans>> perPos) {

    /**
     * @param words          number of words with this UPOS
     * @param layers         mean importance per layer
     * @param pooled         mean of each word's mean importance over layers
     * @param pooledInterval the pooled mean with its SD and 95% interval
     */
    public record PosMeans(long words, double[] layers, double pooled, MeanInterval pooledInterval) {}
}
