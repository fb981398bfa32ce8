package org.bertology4j.core.layers;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Layer normalisation over the last axis of a 2-D input [N, H]: (x - mean)·rstd·γ + β. */
public final class LayerNorm {
    private final INDArray gamma; // [H]
    private final INDArray beta;  // [H]
    private final double eps;

    /** What the backward pass needs: input, per-row mean and reciprocal standard deviation. */
    public static final class Cache {
        /** Input [N, H]. */
        public INDArray input;
        /** Row means [N, 1]. */
        public INDArray mean;
        /** Row 1/sqrt(var + eps) [N, 1] (biased variance, as in PyTorch/TF). */
        public INDArray rstd;
    }

    public LayerNorm(INDArray gamma, INDArray beta, double eps) {
        this.gamma = gamma;
        this.beta = beta;
        this.eps = eps;
    }

    public INDArray gamma() { return gamma; }
    public INDArray beta() { return beta; }
    public double eps() { return eps; }

    /** Normalises each row of x [N, H]; returns a new array; fills {@code cache} when non-null. */
    public INDArray forward(INDArray x, Cache cache) {
        long n = x.size(0);
        INDArray mean = x.mean(1).reshape(n, 1);
        INDArray y = x.subColumnVector(mean);               // centred (new array)
        INDArray var = y.mul(y).mean(1).reshape(n, 1);      // two-pass variance: accurate for large means
        INDArray rstd = Transforms.pow(var.addi(eps), -0.5, false);
        y.muliColumnVector(rstd).muliRowVector(gamma).addiRowVector(beta);
        if (cache != null) {
            cache.input = x;
            cache.mean = mean;
            cache.rstd = rstd;
        }
        return y;
    }
}
