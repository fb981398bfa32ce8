package org.bertology4j.core.deeplift;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The plain LayerNorm gradient at the input, g_x = v·(g̃ − mean(g̃) − â·mean(g̃⊙â)) with â = a·v:
 * what toolkits fall back to. Not complete for finite Δ; only the negative control of the tests.
 */
final class GradientLayerNormRule implements LayerNormRule {
    @Override
    public INDArray backward(INDArray g, INDArray x, INDArray x0, INDArray gamma, double eps) {
        long n = x.size(0);
        int k = (int) (g.size(0) / n);
        INDArray a = x.subColumnVector(x.mean(1).reshape(n, 1));
        INDArray v = Transforms.pow(a.mul(a).mean(1).reshape(n, 1).addi(eps), -0.5, false);
        INDArray hat = DeepLift.tile(a.mulColumnVector(v), k);
        INDArray vk = DeepLift.tile(v, k);
        INDArray gt = g.mulRowVector(gamma);
        INDArray m1 = gt.mean(1).reshape(g.size(0), 1);
        INDArray m2 = gt.mul(hat).mean(1).reshape(g.size(0), 1);
        return gt.subColumnVector(m1).subi(hat.mulColumnVector(m2)).muliColumnVector(vk);
    }
}
