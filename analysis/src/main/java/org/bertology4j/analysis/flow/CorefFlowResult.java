package org.bertology4j.analysis.flow;

import java.util.Map;

/**
 * Coreference results. In every {@link WelchResult} group 1 is the coreferent pairs, group 2 the others.
 *
 * @param coreferentPairs number of coreferent pairs
 * @param otherPairs      number of non-coreferent pairs
 * @param seed            seed of the balanced subsample
 * @param balancedSize    items per group in the balanced subsample
 * @param all             per measure symbol ("A", "G", "G*"): the comparison on all pairs
 * @param balanced        per measure symbol: the comparison on the balanced subsample
 */
public record CorefFlowResult(long coreferentPairs, long otherPairs, long seed, long balancedSize,
                              Map<String, Comparison> all, Map<String, Comparison> balanced) {}
