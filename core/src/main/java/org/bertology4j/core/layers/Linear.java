package org.bertology4j.core.layers;

import org.bertology4j.core.kernels.Kernels;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Dense layer y = x·Wᵀ + b on rows of a 2-D input [N, in].
 * <p>The weight is kept transposed ([in, out], 'c' order) so that the forward pass is one
 * {@code gemm} with no transpose and no copy; {@code INDArray.mmul} on 'c' arrays goes through an
 * 'f' temporary and was measured ~5x slower.
 */
public final class Linear {
    private final INDArray weightT; // [in, out]
    private final INDArray bias;    // [out] or null

    /** What the backward pass needs: the input of the layer. */
    public static final class Cache {
        /** Input [N, in]. */
        INDArray input;

        /** Input [N, in] (read-only: filled by the forward). */
        public INDArray input() { return input; }
    }

    /**
     * @param weightT weight already transposed, shape [in, out]
     * @param bias    bias [out], or null for none
     */
    public Linear(INDArray weightT, INDArray bias) {
        this.weightT = weightT.isView() || weightT.ordering() != 'c' ? weightT.dup('c') : weightT;
        this.bias = bias;
        if (bias != null && bias.length() != weightT.size(1)) {
            throw new IllegalArgumentException("bias length " + bias.length() + " != output width " + weightT.size(1));
        }
    }

    /** From a Hugging Face / PyTorch weight of shape [out, in]. */
    public static Linear fromOutIn(INDArray weight, INDArray bias) {
        return new Linear(weight.transpose().dup('c'), bias);
    }

    public long inFeatures() { return weightT.size(0); }
    public long outFeatures() { return weightT.size(1); }
    /** Transposed weight [in, out] (shared, do not modify). */
    public INDArray weightT() { return weightT; }
    /** Bias [out] or null (shared, do not modify). */
    public INDArray bias() { return bias; }

    /** y = x·Wᵀ + b for x [N, in] ('c' order); fills {@code cache} when non-null. */
    public INDArray forward(INDArray x, Cache cache) {
        INDArray y = product(x, cache);
        if (bias != null) y.addiRowVector(bias);
        return y;
    }

    /**
     * x·Wᵀ without the bias, for callers that fuse the bias add into their next kernel (one pass over
     * the output fewer); fills {@code cache} like {@link #forward}.
     */
    public INDArray product(INDArray x, Cache cache) {
        INDArray in = Kernels.contiguous(x);
        INDArray y = Nd4j.createUninitialized(in.dataType(), new long[]{in.size(0), weightT.size(1)}, 'c');
        Kernels.gemm(in, weightT, y, false, false, 1.0, 0.0);   // beta 0: the uninitialised y is never read
        if (cache != null) cache.input = in;
        return y;
    }

    // ---------------------------------------------------------------- backward (hand-written VJPs)

    /** Parameter-gradient accumulators of a {@link Linear}: dL/dWᵀ [in, out] and dL/db [out] (null: skip). */
    public static final class Grad {
        public final INDArray weightT, bias;

        /** Zero accumulators shaped like {@code layer}'s parameters. */
        public Grad(Linear layer) {
            weightT = Nd4j.zeros(layer.weightT.dataType(), layer.weightT.size(0), layer.weightT.size(1));
            bias = layer.bias == null ? null : Nd4j.zeros(layer.weightT.dataType(), layer.weightT.size(1));
        }

        /** Zero not yet written: the next backward overwrites instead of adding (see {@link #zeroLazily()}). */
        private boolean pendingZero;

        /**
         * Sets the accumulators to zero without touching their memory: the next backward writes its gradient with
         * beta 0 instead of adding. A full pass over BERT-base's dense weights (~0.4 GB) costs ~17 ms of memory
         * bandwidth per training step otherwise. Reading the arrays directly before that backward needs
         * {@link #materialize()} ({@link #arrays()} does it).
         */
        public void zeroLazily() { pendingZero = true; }

        /** Writes a pending zero into the arrays; returns this. */
        public Grad materialize() {
            if (pendingZero) {
                weightT.assign(0);
                if (bias != null) bias.assign(0);
                pendingZero = false;
            }
            return this;
        }

        /** The accumulators (pending zeros written first): weightT, then bias when present. */
        public java.util.List<INDArray> arrays() {
            materialize();
            return bias == null ? java.util.List.of(weightT) : java.util.List.of(weightT, bias);
        }
    }

    /**
     * Input VJP only: dL/dx = dy·W for a cotangent dy [M, out] ('c' order). M may be any row count
     * (e.g. K stacked cotangents of the same rows). Stable signature, also used by DeepLIFT.
     */
    public INDArray backwardInput(INDArray dy) {
        if (dy.rank() != 2 || dy.size(1) != weightT.size(1)) {
            throw new IllegalArgumentException("cotangent of a Linear layer must be [rows, " + weightT.size(1)
                    + "], got " + java.util.Arrays.toString(dy.shape()));
        }
        INDArray g = Kernels.contiguous(dy);
        long[] shape = {g.size(0), weightT.size(0)};
        long in = weightT.size(0), out = weightT.size(1);
        if (g.dataType() == DataType.FLOAT && in <= out && g.size(0) <= 512) {
            // dy·W with W stored [in, out] is a transB product, which over few rows ran up to 2.3x slower than the
            // plain one for widening and square layers (BERT-base, 128 rows: FFN in 3.0 vs 1.4 ms, 768² 0.45-0.76
            // vs 0.36 ms), measured. Written column-major, the same product needs no transposed operand; a blocked
            // copy then makes it row-major. Over 1024 rows the copy ate the gain (all G*_n 8% slower), so not there.
            INDArray dxColumns = Nd4j.createUninitialized(g.dataType(), shape, 'f');
            return Kernels.rowMajor(Kernels.gemm(g, weightT, dxColumns, false, true, 1.0, 0.0));
        }
        return Kernels.gemm(g, weightT, Nd4j.create(g.dataType(), shape, 'c'), false, true, 1.0, 0.0);
    }

    /**
     * Full VJP: returns dL/dx and, when {@code grad} is non-null, accumulates dL/dWᵀ += xᵀ·dy and
     * dL/db += Σ_rows dy. The cotangent may hold K·N rows for the N cached input rows (K stacked
     * cotangents); parameter gradients then sum over the K copies.
     */
    public INDArray backward(INDArray dy, Cache cache, Grad grad) {
        INDArray dx = backwardInput(dy);
        if (grad != null) {
            if (cache == null || cache.input == null) {
                throw new IllegalStateException("Linear parameter gradients need the forward cache (TraceOptions.keepCaches())");
            }
            INDArray x = cache.input;
            INDArray g = dy;
            if (dy.size(0) != x.size(0)) {
                long k = dy.size(0) / x.size(0);
                if (k * x.size(0) != dy.size(0)) {
                    throw new IllegalArgumentException("cotangent rows " + dy.size(0) + " not a multiple of cached rows " + x.size(0));
                }
                g = Kernels.sumStacked(dy, x.size(0));
            }
            g = Kernels.contiguous(g);
            boolean overwrite = grad.pendingZero;
            Nd4j.gemm(x, g, grad.weightT, true, false, 1.0, overwrite ? 0.0 : 1.0);
            if (grad.bias != null) {
                INDArray db = Kernels.columnSums(g);
                if (overwrite) grad.bias.assign(db); else grad.bias.addi(db);
            }
            grad.pendingZero = false;
        }
        return dx;
    }
}
