package org.bertology4j.core.layers;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Layer normalisation over the last axis of a 2-D input [N, H]: (x - mean)·rstd·γ + β. */
public final class LayerNorm {
    private final INDArray gamma; // [H]
    private final INDArray beta;  // [H]
    private final double eps;

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
        return forward(x, null, null, cache);
    }

    /**
     * LN(x + bias + residual) for post-LN blocks, with both adds fused into the normalisation pass:
     * x is overwritten with the sum (the LayerNorm input, which the cache keeps). {@code bias} ([H],
     * the bias of the dense layer that produced x) and {@code residual} ([N, H]) may be null.
     */
    public INDArray forward(INDArray x, INDArray bias, INDArray residual, Cache cache) {
        if (residual != null && residual.isView()) residual = residual.dup('c');
        boolean fused = RowNorm.supports(x) && !x.isView() && (residual == null || RowNorm.supports(residual))
                && sameType(x, gamma, beta, bias, residual);
        if (!fused) {
            if (bias != null) x.addiRowVector(bias);
            return forwardOps(residual == null ? x : x.addi(residual), cache);
        }
        long n = x.size(0);
        INDArray mean = Nd4j.createUninitialized(x.dataType(), new long[]{n, 1}, 'c');
        INDArray rstd = Nd4j.createUninitialized(x.dataType(), new long[]{n, 1}, 'c');
        INDArray y = RowNorm.forward(x, contiguous(bias), residual, contiguous(gamma), contiguous(beta), eps, mean, rstd);
        if (cache != null) {
            cache.input = x;
            cache.mean = mean;
            cache.rstd = rstd;
        }
        return y;
    }

    private static boolean sameType(INDArray x, INDArray... others) {
        for (INDArray o : others) if (o != null && o.dataType() != x.dataType()) return false;
        return true;
    }

    private static INDArray contiguous(INDArray v) {
        return v == null || (!v.isView() && v.ordering() == 'c') ? v : v.dup('c');
    }

    /** The same as a chain of ND4J ops (any layout); reference for the fused kernel. */
    INDArray forwardOps(INDArray x, Cache cache) {
        long n = x.size(0);
        INDArray mean = x.mean(1).reshape(n, 1);
        INDArray y = x.subColumnVector(mean);               // centred (new array)
        // Two-pass variance (accurate for large means); norm2 avoids a squared temporary of [N, H].
        INDArray norm = y.norm2(1).reshape(n, 1);
        INDArray rstd = Transforms.pow(norm.muli(norm).divi(x.size(1)).addi(eps), -0.5, false);
        y.muliColumnVector(rstd).muliRowVector(gamma).addiRowVector(beta);
        if (cache != null) {
            cache.input = x;
            cache.mean = mean;
            cache.rstd = rstd;
        }
        return y;
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
        Stacked.copies(dy, n, h, "LayerNorm");
        if (fusable(dy, xhat, cache.rstd) && (grad == null || fusable(grad.gamma, grad.beta))) {
            return RowNorm.backward(dy, xhat, gamma, cache.rstd, grad == null ? null : grad.gamma, grad == null ? null : grad.beta);
        }
        return backwardOps(dy, cache, xhat, grad);
    }

    /** Whether the fused kernel takes these arrays: one float type, dense 'c', not views. */
    private boolean fusable(INDArray... arrays) {
        for (INDArray a : arrays) {
            if (a.dataType() != gamma.dataType() || a.isView() || a.ordering() != 'c' || a.elementWiseStride() != 1) return false;
        }
        return gamma.dataType() == DataType.FLOAT || gamma.dataType() == DataType.DOUBLE;
    }

    /** The same VJP as ND4J ops (any layout); reference for the fused kernel. */
    INDArray backwardOps(INDArray dy, Cache cache, INDArray xhat, Grad grad) {
        long n = xhat.size(0);
        INDArray g = dy.mulRowVector(gamma);                        // new 'c' array [K*N, H]
        INDArray gx = Stacked.mulRows(g.dup('c'), xhat);            // g·x̂
        INDArray meanG = g.mean(1);                                  // [K*N]
        INDArray meanGx = gx.mean(1);
        // gx is reused for x̂·mean(g·x̂)
        gx.assign(0).addi(1.0);
        Stacked.mulRows(gx, xhat);
        gx.muliColumnVector(meanGx.reshape(meanGx.length(), 1));
        Stacked.subRowValue(g, meanG).subi(gx);
        Stacked.mulColumn(g, cache.rstd, n);
        if (grad != null) {
            INDArray dyc = Stacked.contiguous(dy);
            INDArray dyx = Stacked.mulRows(dyc.dup('c'), xhat);
            grad.gamma.addi(ColumnSums.of(dyx));
            grad.beta.addi(ColumnSums.of(dyc));
        }
        return g;
    }
}
