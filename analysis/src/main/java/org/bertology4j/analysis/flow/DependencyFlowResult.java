package org.bertology4j.analysis.flow;

import java.util.List;
import java.util.Map;

/**
 * Dependency results: mean per-sentence Pearson r between flow and tree distance (negative = more flow between
 * words close in the tree).
 *
 * @param skippedShort sentences with fewer than 3 words (not analysed)
 * @param perLayer     per measure symbol, one entry per layer
 * @param layerMean    per measure symbol, the r of the map averaged over layers
 */
public record DependencyFlowResult(long skippedShort, Map<String, List<LayerR>> perLayer, Map<String, LayerR> layerMean) {

    /**
     * @param gold           r against the gold tree distance
     * @param rightBranching r against the right-branching baseline (linear distance)
     * @param difference     per-sentence gold r minus baseline r
     */
    public record LayerR(MeanInterval gold, MeanInterval rightBranching, MeanInterval difference) {}
}
