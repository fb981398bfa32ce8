package org.bertology4j.core.layers;

import org.bertology4j.core.kernels.Kernels;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Dense layer y = x·Wᵀ + b on rows of a 2-D input [N, in].
 * <p>The weight is stored as one dense 'c' array in one of two orientations, chosen from its shape
 * ({@link #storesOutIn}): transposed, [in, out], so that the forward pass is one {@code gemm} with no transpose and
 * no copy ({@code INDArray.mmul} on 'c' arrays goes through an 'f' temporary and was measured ~5x slower); or, for a
 * layer whose output width is a multiple of 1024 floats (BERT-base's FFN up-projection, 768 → 3072), as Hugging Face
 * stores it, [out, in]. A row stride of a multiple of 4 KiB makes the rows of the [in, out] array fall on the same
 * cache sets while OpenBLAS packs them: over 128 rows that product ran at half the speed of its transposed twin
 * (26.8 against 48.3 GFLOP per CPU-second, measured), and its input VJP likewise. {@link #weightT()} reads either as
 * [in, out].
 */
public final class Linear {
    /** Whether narrow transB products of the input VJP are written column-major (see {@link #backwardInput}). */
    private static final boolean COLUMN_MAJOR_FEW_ROWS = org.bertology4j.core.kernels.CpuFlags.avx512();

    private final INDArray weight;  // [in, out], or [out, in] when outIn
    private final boolean outIn;
    private final long in, out;
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
        this(weightT, bias, storesOutIn(weightT.size(0), weightT.size(1)));
    }

    /** The same, stored in the orientation given (the tests run both). */
    Linear(INDArray weightT, INDArray bias, boolean outIn) {
        if (weightT.rank() != 2) throw new IllegalArgumentException("a dense weight must be 2-D, got " + java.util.Arrays.toString(weightT.shape()));
        this.in = weightT.size(0);
        this.out = weightT.size(1);
        this.outIn = outIn;
        this.weight = outIn ? weightT.transpose().dup('c')
                : weightT.isView() || weightT.ordering() != 'c' ? weightT.dup('c') : weightT;
        this.bias = bias;
        if (bias != null && bias.length() != out) {
            throw new IllegalArgumentException("bias length " + bias.length() + " != output width " + out);
        }
    }

    /** From a Hugging Face / PyTorch weight of shape [out, in]. */
    public static Linear fromOutIn(INDArray weight, INDArray bias) {
        return new Linear(weight.transpose(), bias);
    }

    /**
     * Whether a layer of these widths keeps its weight [out, in]: when the [in, out] array's row stride would be a
     * multiple of 4 KiB (in float32) and the [out, in] one's would not.
     */
    static boolean storesOutIn(long in, long out) {
        return out % 1024 == 0 && in % 1024 != 0;
    }

    public long inFeatures() { return in; }
    public long outFeatures() { return out; }
    /** The weight as [in, out] (shared, do not modify; a transposed view when stored [out, in]). */
    public INDArray weightT() { return outIn ? weight.transpose() : weight; }
    /**
     * The stored weight array, dense 'c' ([in, out], or [out, in] when {@link #storedOutIn()}): what an optimizer
     * updates in place, in the orientation of {@link Grad#storage()}.
     */
    public INDArray storage() { return weight; }
    /** Whether {@link #storage()} is [out, in]. */
    public boolean storedOutIn() { return outIn; }
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
        INDArray y = Nd4j.createUninitialized(in.dataType(), new long[]{in.size(0), out}, 'c');
        Kernels.gemm(in, weight, y, false, outIn, 1.0, 0.0);   // beta 0: the uninitialised y is never read
        if (cache != null) cache.input = in;
        return y;
    }

    // ---------------------------------------------------------------- backward (hand-written VJPs)

    /**
     * Parameter-gradient accumulators of a {@link Linear}: dL/dW in the layer's storage orientation and dL/db [out]
     * (null: skip).
     */
    public static final class Grad {
        private final INDArray weight, bias;
        private final boolean outIn;

        /** Zero accumulators shaped like {@code layer}'s parameters. */
        public Grad(Linear layer) {
            weight = Nd4j.zeros(layer.weight.dataType(), layer.weight.size(0), layer.weight.size(1));
            bias = layer.bias == null ? null : Nd4j.zeros(layer.weight.dataType(), layer.out);
            outIn = layer.outIn;
        }

        /** dL/dW as [in, out] (a transposed view when the layer stores [out, in]); pending zeros written first. */
        public INDArray weightT() { materialize(); return outIn ? weight.transpose() : weight; }

        /** dL/dW in the layer's storage orientation ({@link Linear#storage()}); pending zeros written first. */
        public INDArray storage() { materialize(); return weight; }

        /** dL/db [out] or null; pending zeros written first. */
        public INDArray bias() { materialize(); return bias; }

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
                weight.assign(0);
                if (bias != null) bias.assign(0);
                pendingZero = false;
            }
            return this;
        }

        /** The accumulators (pending zeros written first): the weight's storage, then the bias when present. */
        public java.util.List<INDArray> arrays() {
            materialize();
            return bias == null ? java.util.List.of(weight) : java.util.List.of(weight, bias);
        }
    }

    /**
     * Input VJP only: dL/dx = dy·W for a cotangent dy [M, out] ('c' order). M may be any row count
     * (e.g. K stacked cotangents of the same rows). Stable signature, also used by DeepLIFT.
     */
    public INDArray backwardInput(INDArray dy) {
        if (dy.rank() != 2 || dy.size(1) != out) {
            throw new IllegalArgumentException("cotangent of a Linear layer must be [rows, " + out
                    + "], got " + java.util.Arrays.toString(dy.shape()));
        }
        INDArray g = Kernels.contiguous(dy);
        long[] shape = {g.size(0), in};
        if (outIn) return Kernels.gemm(g, weight, Nd4j.createUninitialized(g.dataType(), shape, 'c'), false, false, 1.0, 0.0);
        if (COLUMN_MAJOR_FEW_ROWS && g.dataType() == DataType.FLOAT && in <= out && g.size(0) <= 512) {
            // dy·W with W stored [in, out] is a transB product, which over few rows ran up to 2.3x slower than the
            // plain one for widening and square layers on an AVX-512 CPU with OpenBLAS's SkylakeX kernels (BERT-base,
            // 128 rows: FFN in 3.0 vs 1.4 ms, 768² 0.45-0.76 vs 0.36 ms), measured. Written column-major, the same
            // product needs no transposed operand; a blocked copy then makes it row-major. Over 1024 rows the copy
            // ate the gain (all G*_n 8% slower), so not there. On an AVX2 CPU (Zen 2, OpenBLAS's Zen kernels) the
            // column-major route is the slow one: 128 x 2304 -> 768 at 61 against 161 GFLOP/s, 768² at 49 against
            // 139 (medians of 7 interleaved rounds, seventh-session machine), so it is taken on AVX-512 CPUs only.
            INDArray dxColumns = Nd4j.createUninitialized(g.dataType(), shape, 'f');
            return Kernels.rowMajor(Kernels.gemm(g, weight, dxColumns, false, true, 1.0, 0.0));
        }
        return Kernels.gemm(g, weight, Nd4j.createUninitialized(g.dataType(), shape, 'c'), false, true, 1.0, 0.0);
    }

    /**
     * Full VJP: returns dL/dx and, when {@code grad} is non-null, accumulates dL/dW (xᵀ·dy as [in, out]) and
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
            if (outIn) Kernels.gemm(g, x, grad.weight, true, false, 1.0, overwrite ? 0.0 : 1.0);   // dyᵀ·x [out, in]
            else Kernels.gemm(x, g, grad.weight, true, false, 1.0, overwrite ? 0.0 : 1.0);         // xᵀ·dy [in, out]
            if (grad.bias != null) {
                INDArray db = Kernels.columnSums(g);
                if (overwrite) grad.bias.assign(db); else grad.bias.addi(db);
            }
            grad.pendingZero = false;
        }
        return dx;
    }
}
