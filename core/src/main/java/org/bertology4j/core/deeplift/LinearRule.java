package org.bertology4j.core.deeplift;

import org.bertology4j.core.layers.Linear;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Multipliers through linear ops. For y = x·Wᵀ + b the multiplier is W itself, so Σ m·Δx = Δy holds
 * exactly (the bias cancels in Δy); residual sums, scaling and head split/merge are handled inline
 * by the propagator as identity, constant factor and reshape.
 */
final class LinearRule {
    private LinearRule() {}

    /** g_x = g_y·W for cotangent rows g_y [N, out]; returns [N, in]. */
    static INDArray backward(INDArray gOut, Linear layer) {
        return layer.backwardInput(gOut);       // the same product as the layer's input VJP
    }
}
