package org.bertology4j.analysis.surface;

import org.bertology4j.tokenizer.Encoding;

/**
 * Extension point for the masked-LM gradient part of the surface study (Clark et al. Fig. 3), to be implemented
 * by the backward engine: mask 15% of the content pieces (seeded), loss = mean cross-entropy over the masked
 * positions, and return dLoss/dA for every attention weight, {@code [layer][head][i][j]}.
 */
@FunctionalInterface
public interface AttentionGradientSource {
    /** Gradient of the masked-LM loss w.r.t. each attention probability of {@code encoding}. */
    float[][][][] maskedLmGradient(Encoding encoding, long seed);
}
