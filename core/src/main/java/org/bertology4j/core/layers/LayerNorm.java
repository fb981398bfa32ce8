package org.bertology4j.core.layers;

import org.bertology4j.core.kernels.Kernels;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Layer normalisation over the last axis of a 2-D input [N, H]: (x - mean)·rstd·γ + β.
 *
 * @param gamma γ [H] (shared with the weights: do not modify)
 * @param beta  β [H]
 * @param eps   added to the variance
 */
public record LayerNorm(INDArray gamma, INDArray beta, double eps) {

    /** What the backward pass needs: input, per-row mean and reciprocal standard deviation. */
    public static final class Cache {
        INDArray input, mean, rstd;

        /** Input [N, H] (read-only: filled by the forward). */
        public INDArray input() { return input; }
        /** Row means [N, 1]. */
        public INDArray mean() { return mean; }
        /** Row 1/sqrt(var + eps) [N, 1] (biased variance, as in PyTorch/TF). */
        public INDArray rstd() { return rstd; }

        /** The rows at {@code tokens} (what a row-wise backward needs: 1/std), for row-sparse cotangents. */
        public Cache rows(int[] tokens) {
            Cache g = new Cache();
            g.rstd = org.nd4j.linalg.factory.Nd4j.pullRows(rstd, 1, tokens);
            return g;
        }
    }

    /** Normalises each row of x [N, H]; returns a new array; fills {@code cache} when non-null. */
    public INDArray forward(INDArray x, Cache cache) {
        return forward(x, null, null, cache);
    }

    /**
     * LN(x + bias + residual) for post-LN blocks, with both adds fused into the normalisation pass:
     * x is overwritten with the sum (the LayerNorm input, which the cache keeps). {@code bias} ([H],
     * the bias of the dense layer that produced x) and {@code residual} ([N, H]) may be null.
     */
    public INDArray forward(INDArray x, INDArray bias, INDArray residual, Cache cache) {
        Kernels.Normalized n = Kernels.layerNorm(x, bias, residual, gamma, beta, eps);
        if (cache != null) {
            cache.input = n.input();
            cache.mean = n.mean();
            cache.rstd = n.rstd();
        }
        return n.y();
    }

    // ---------------------------------------------------------------- backward (hand-written VJPs)

    /** Parameter-gradient accumulators: dL/dγ and dL/dβ [H]. */
    public static final class Grad {
        public final INDArray gamma, beta;

        public Grad(LayerNorm norm) {
            gamma = Nd4j.zeros(norm.gamma.dataType(), norm.gamma.length());
            beta = Nd4j.zeros(norm.beta.dataType(), norm.beta.length());
        }

        /** The accumulators: gamma, beta. */
        public java.util.List<INDArray> arrays() { return java.util.List.of(gamma, beta); }
    }

    /** Normalised input x̂ = (x - mean)·rstd [N, H] from the cache (recomputed, not stored). */
    public static INDArray normalized(Cache cache) {
        if (cache == null || cache.input == null) {
            throw new IllegalStateException("LayerNorm backward needs the forward cache (TraceOptions.keepCaches())");
        }
        return cache.input.subColumnVector(cache.mean).muliColumnVector(cache.rstd);
    }

    /**
     * VJP of y = x̂·γ + β: dx = rstd·(g - mean(g) - x̂·mean(g·x̂)) with g = dy·γ, row-wise.
     * {@code dy} may hold K·N rows for the N cached rows (K stacked cotangents).
     * When {@code grad} is non-null accumulates dγ += Σ dy·x̂ and dβ += Σ dy.
     */
    public INDArray backward(INDArray dy, Cache cache, Grad grad) {
        return backward(dy, cache, normalized(cache), grad);
    }

    /** As {@link #backward(INDArray, Cache, Grad)} with x̂ already computed (reused across many calls). */
    public INDArray backward(INDArray dy, Cache cache, INDArray xhat, Grad grad) {
        long n = xhat.size(0), h = xhat.size(1);
        Kernels.stackedCopies(dy, n, h, "LayerNorm");
        return Kernels.layerNormBackward(dy, xhat, gamma, cache.rstd, grad == null ? null : grad.gamma, grad == null ? null : grad.beta);
    }
}
