package org.bertology4j.core.deeplift;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The plain softmax gradient at the input, g_z = y⊙(g − Σ g⊙y): what toolkits fall back to.
 * Not complete for finite Δ; kept only as the negative control of the completeness tests.
 */
final class GradientSoftmaxRule implements SoftmaxRule {
    @Override
    public INDArray backward(INDArray g, INDArray z, INDArray z0, INDArray y, INDArray y0) {
        long rows = z.size(0);
        int k = (int) (g.size(0) / rows);
        INDArray yk = k == 1 ? y.dup('c') : Nd4j.tile(y, k, 1);
        INDArray gy = g.mul(yk);
        INDArray s = gy.sum(1).reshape(g.size(0), 1);
        return g.subColumnVector(s).muli(yk);
    }
}
