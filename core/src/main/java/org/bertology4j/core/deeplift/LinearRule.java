package org.bertology4j.core.deeplift;

import org.bertology4j.core.layers.Linear;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Multipliers through linear ops. For y = x·Wᵀ + b the multiplier is W itself, so Σ m·Δx = Δy holds
 * exactly (the bias cancels in Δy); residual sums, scaling and head split/merge are handled inline
 * by the propagator as identity, constant factor and reshape.
 */
public final class LinearRule {
    private LinearRule() {}

    /** g_x = g_y·W for cotangent rows g_y [N, out]; returns [N, in]. */
    public static INDArray backward(INDArray gOut, Linear layer) {
        INDArray g = gOut.ordering() == 'c' && !gOut.isView() ? gOut : gOut.dup('c');
        INDArray wT = layer.weightT(); // [in, out]
        INDArray out = Nd4j.create(g.dataType(), new long[]{g.size(0), wT.size(0)}, 'c');
        Nd4j.gemm(g, wT, out, false, true, 1.0, 0.0);
        return out;
    }
}
