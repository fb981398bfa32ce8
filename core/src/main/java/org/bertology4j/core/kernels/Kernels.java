package org.bertology4j.core.kernels;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastSubOp;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Erf;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.Arrays;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * The execution seam of the ops: every memory-bound step that has a fused plain-Java kernel ({@link ElementwiseKernels},
 * {@link RowNorm}, {@code ErfFloat}/{@code ErfTable}, split over cores by {@link RowParallel}) is called through this
 * facade, and so are the matrix products (timed for the benches into the calling execution's accumulator) and the
 * helpers of K stacked cotangents. The op classes in {@code layers} hold only the math of their forward and rules.
 *
 * <p>Where the fused kernel cannot take the arrays the facade decides, in one place per op:
 * <ul>
 * <li>the head split and merge and the embedding scatter-add copy an input they do not take into a dense array
 *     first (the same arithmetic follows), so they have no second implementation;</li>
 * <li>GELU and the LayerNorm forward and VJP keep one ND4J op chain each for the arrays the kernels' layout test
 *     rejects: views (ND4J 1.0.0-M2.1 also flags a reshaped copy as a view, as {@code grad.Backprop}'s cotangent of
 *     h_L is), single rows (ND4J gives a [1, n] array the strides [1, 1]: the masked-LM head's single positions in
 *     fill-mask and DeepLIFT's targets) and mixed types. These callers have always run the chain; the fused kernels
 *     round differently in the last bits, so the choice stays as it was;</li>
 * <li>the GELU derivative has a kernel for the float erf form only; the tanh form and float64 are ND4J op chains;</li>
 * <li>the softmax VJP is an ND4J op chain (its rank-3 layout never reached the plain-Java pass once written for it).</li>
 * </ul>
 * The tests check each kernel against a naive twin ({@code FusedKernelsTest}).
 */
public final class Kernels {
    /** 1/√2 (the erf GELU's argument scale). */
    public static final double INV_SQRT2 = 1.0 / Math.sqrt(2.0);
    /** √(2/π) (the tanh GELU's argument scale). */
    public static final double SQRT_2_OVER_PI = Math.sqrt(2.0 / Math.PI);

    private Kernels() {}

    // ---------------------------------------------------------------- attention heads

    /**
     * proj [B·T, 3·heads·d] (+ bias) → [3, B, heads, T, d] with Q multiplied by {@code qScale}: bias + split into
     * heads + Q scaling in one pass (a 5-D permute assign is one strided ND4J copy plus two more ops). proj may be
     * overwritten.
     */
    public static INDArray splitHeads(INDArray proj, INDArray bias, double qScale, int batch, int seqLen, int heads, int headDim) {
        INDArray p = ElementwiseKernels.accepts(proj) ? proj : floating(proj).dup('c');
        INDArray b = bias == null ? null : bias.dataType() == p.dataType() ? contiguous(bias) : bias.castTo(p.dataType());
        return ElementwiseKernels.splitHeads(p, b, qScale, batch, seqLen, heads, headDim);
    }

    /** context [B, heads, T, d] → merged rows [B·T, heads·d]. */
    public static INDArray mergeHeads(INDArray context, int batch, int seqLen, int heads, int headDim) {
        INDArray c = ElementwiseKernels.contiguous(context) ? context : floating(context).dup('c');
        return ElementwiseKernels.mergeHeads(c, batch, seqLen, heads, headDim);
    }

    /**
     * Softmax VJP in place on dP [B·heads, K·T, T] (P [B·heads, T, T] broadcast over the K copies):
     * dS = P⊙(dP − rowsum(dP⊙P)), as ND4J ops (see the class comment).
     */
    public static void softmaxBackwardInPlace(INDArray dP, INDArray p3, int bh, long kk, int seqLen) {
        INDArray dS4 = dP.reshape('c', bh, kk, seqLen, seqLen);
        INDArray tmp = dS4.dup('c');
        Nd4j.exec(new BroadcastMulOp(tmp, p3, tmp, 0, 2, 3));
        INDArray rowSum = tmp.sum(3);                                     // [BH, K, T]
        Nd4j.exec(new BroadcastSubOp(dS4, rowSum, dS4, 0, 1, 2));
        Nd4j.exec(new BroadcastMulOp(dS4, p3, dS4, 0, 2, 3));
    }

    /** A column-major ('f') matrix copied into row-major order by a blocked transpose (new 'c' array). */
    public static INDArray rowMajor(INDArray columnMajor) { return ElementwiseKernels.rowMajor(columnMajor); }

    // ---------------------------------------------------------------- GELU

    /**
     * GELU(x + bias): x is overwritten with x + bias (the GELU input); {@code bias} may be null. Fused: two plain-Java
     * passes around one ND4J transcendental op (erf or tanh) instead of ~6 ND4J ops; float erf in one pass. Views,
     * single rows and mixed types: {@link #geluOps}.
     */
    public static INDArray gelu(INDArray x, INDArray bias, boolean tanh) {
        boolean fused = ElementwiseKernels.accepts(x) && (bias == null || bias.dataType() == x.dataType());
        if (!fused) {
            if (bias != null) x.addiRowVector(bias);
            return geluOps(x, tanh);
        }
        INDArray b = bias == null || !bias.isView() ? bias : bias.dup('c');
        if (!tanh && x.dataType() == DataType.FLOAT) return ElementwiseKernels.geluErfFloat(x, b);
        INDArray z = ElementwiseKernels.geluArgument(x, b, tanh);
        if (tanh) Transforms.tanh(z, false);
        else Nd4j.exec(new Erf(z, z));
        ElementwiseKernels.geluCombine(x, z);
        return z;
    }

    /** GELU as a chain of ND4J ops (any layout): the fallback for the arrays the fused passes do not take. */
    static INDArray geluOps(INDArray x, boolean tanh) {
        INDArray y;
        if (tanh) {
            y = x.mul(x).muli(x).muli(0.044715).addi(x).muli(SQRT_2_OVER_PI);
            Transforms.tanh(y, false);
        } else {
            y = x.mul(INV_SQRT2);
            Nd4j.exec(new Erf(y, y));
        }
        return y.addi(1.0).muli(x).muli(0.5);
    }

    /**
     * GELU'(x). ERF: Φ(x) + x·φ(x) (float, dense: one fused pass with {@code ErfTable}; otherwise ND4J ops). TANH,
     * with u = √(2/π)(x + 0.044715x³): 0.5(1 + tanh u) + 0.5·x·(1 - tanh²u)·√(2/π)(1 + 3·0.044715x²), ND4J ops.
     */
    public static INDArray geluDerivative(INDArray x, boolean tanh) {
        if (tanh) {
            INDArray x2 = x.mul(x);
            INDArray t = Transforms.tanh(x2.mul(0.044715).addi(1.0).muli(x).muli(SQRT_2_OVER_PI), false);
            INDArray sech2 = t.mul(t).rsubi(1.0);
            INDArray inner = x2.muli(3 * 0.044715).addi(1.0).muli(SQRT_2_OVER_PI).muli(x).muli(sech2).muli(0.5);
            return t.addi(1.0).muli(0.5).addi(inner);
        }
        if (x.dataType() == DataType.FLOAT && ElementwiseKernels.accepts(x)) {
            return ElementwiseKernels.geluErfDerivativeFloat(x);
        }
        INDArray cdf = x.mul(INV_SQRT2);
        Nd4j.exec(new Erf(cdf, cdf));
        cdf.addi(1.0).muli(0.5);                                                        // Φ(x)
        INDArray xpdf = Transforms.exp(x.mul(x).muli(-0.5), false).muli(1.0 / Math.sqrt(2 * Math.PI)).muli(x);
        return cdf.addi(xpdf);
    }

    // ---------------------------------------------------------------- LayerNorm

    /** A LayerNorm forward: output y, and its input (the sum it normalised), row means and 1/std [N, 1]. */
    public record Normalized(INDArray y, INDArray input, INDArray mean, INDArray rstd) {}

    /**
     * y = LN(x [+ bias] [+ residual]) row by row, both adds fused into the normalisation pass: x is overwritten with
     * the sum (the LayerNorm input). {@code bias} ([H]) and {@code residual} ([N, H]) may be null. Views, single rows
     * and mixed types: {@link #layerNormOps}.
     */
    public static Normalized layerNorm(INDArray x, INDArray bias, INDArray residual, INDArray gamma, INDArray beta, double eps) {
        if (residual != null && residual.isView()) residual = residual.dup('c');
        boolean fused = RowNorm.supports(x) && !x.isView() && (residual == null || RowNorm.supports(residual))
                && sameType(x, gamma, beta, bias, residual);
        if (!fused) {
            if (bias != null) x.addiRowVector(bias);
            return layerNormOps(residual == null ? x : x.addi(residual), gamma, beta, eps);
        }
        long n = x.size(0);
        INDArray mean = Nd4j.createUninitialized(x.dataType(), new long[]{n, 1}, 'c');
        INDArray rstd = Nd4j.createUninitialized(x.dataType(), new long[]{n, 1}, 'c');
        INDArray y = RowNorm.forward(x, nullable(bias), residual, contiguous(gamma), contiguous(beta), eps, mean, rstd);
        return new Normalized(y, x, mean, rstd);
    }

    /** LayerNorm as a chain of ND4J ops (any layout): the fallback for the arrays the fused kernel does not take. */
    static Normalized layerNormOps(INDArray x, INDArray gamma, INDArray beta, double eps) {
        long n = x.size(0);
        INDArray mean = x.mean(1).reshape(n, 1);
        INDArray y = x.subColumnVector(mean);               // centred (new array)
        // Two-pass variance (accurate for large means); norm2 avoids a squared temporary of [N, H].
        INDArray norm = y.norm2(1).reshape(n, 1);
        INDArray rstd = Transforms.pow(norm.muli(norm).divi(x.size(1)).addi(eps), -0.5, false);
        y.muliColumnVector(rstd).muliRowVector(gamma).addiRowVector(beta);
        return new Normalized(y, x, mean, rstd);
    }

    /**
     * LayerNorm VJP rows: dx = rstd·(g - mean(g) - x̂·mean(g·x̂)) with g = dy·γ; dy may hold K·N rows for the N cached
     * rows. Accumulates dγ += Σ dy·x̂ and dβ += Σ dy when the accumulators are non-null. Views (a reshaped cotangent
     * included) and mixed types: {@link #layerNormBackwardOps}.
     */
    public static INDArray layerNormBackward(INDArray dy, INDArray xhat, INDArray gamma, INDArray rstd, INDArray dGamma, INDArray dBeta) {
        if (fusable(gamma, dy, xhat, rstd) && (dGamma == null || fusable(gamma, dGamma, dBeta))) {
            return RowNorm.backward(dy, xhat, gamma, rstd, dGamma, dBeta);
        }
        return layerNormBackwardOps(dy, xhat, gamma, rstd, dGamma, dBeta);
    }

    /** The LayerNorm VJP as ND4J ops (any layout): the fallback for the arrays the fused kernel does not take. */
    static INDArray layerNormBackwardOps(INDArray dy, INDArray xhat, INDArray gamma, INDArray rstd, INDArray dGamma, INDArray dBeta) {
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
        Stacked.mulColumn(g, rstd, n);
        if (dGamma != null) {
            INDArray dyc = Stacked.contiguous(dy);
            INDArray dyx = Stacked.mulRows(dyc.dup('c'), xhat);
            dGamma.addi(ColumnSums.of(dyx));
            dBeta.addi(ColumnSums.of(dyc));
        }
        return g;
    }

    /** Whether the fused LayerNorm VJP takes these arrays: gamma's float type, dense 'c', not views. */
    private static boolean fusable(INDArray gamma, INDArray... arrays) {
        for (INDArray a : arrays) {
            if (a.dataType() != gamma.dataType() || a.isView() || a.ordering() != 'c' || a.elementWiseStride() != 1) return false;
        }
        return gamma.dataType() == DataType.FLOAT || gamma.dataType() == DataType.DOUBLE;
    }

    private static INDArray nullable(INDArray v) { return v == null ? null : contiguous(v); }

    private static boolean sameType(INDArray x, INDArray... others) {
        for (INDArray o : others) if (o != null && o.dataType() != x.dataType()) return false;
        return true;
    }

    // ---------------------------------------------------------------- embeddings

    /**
     * Scatter-adds rows [B·T, H] into the word, token-type and position tables at each row's id, segment and position
     * (one plain-Java pass instead of 3 small ND4J ops per token). The tables are accumulators updated in place: dense,
     * of the rows' type.
     */
    public static void scatterAddEmbeddingRows(INDArray rows, int[] ids, int[] segmentIds, int seqLen, INDArray word,
                                               INDArray tokenType, INDArray position) {
        INDArray r = ElementwiseKernels.accepts(rows) ? rows : floating(rows).dup('c');
        for (INDArray table : new INDArray[]{word, tokenType, position}) {
            if (!ElementwiseKernels.accepts(table) || table.dataType() != r.dataType()) {
                throw new IllegalArgumentException("embedding gradient tables must be dense " + r.dataType()
                        + " arrays, got " + table.shapeInfoToString());
            }
        }
        int[] positions = new int[ids.length];
        for (int i = 0; i < positions.length; i++) positions[i] = i % seqLen;
        ElementwiseKernels.scatterAddRows(r, ids, word);
        ElementwiseKernels.scatterAddRows(r, segmentIds, tokenType);
        ElementwiseKernels.scatterAddRows(r, positions, position);
    }

    // ---------------------------------------------------------------- products, timed for the benches

    /**
     * c = alpha·op(a)·op(b) + beta·c, timed into the calling execution's gemm accumulator: oneDNN's matmul primitive
     * called directly where it takes the arrays ({@code DnnlGemm}: float, alpha 1, beta 0 or 1, row-major c), else
     * ND4J's gemm. Both give the same bits.
     */
    public static INDArray gemm(INDArray a, INDArray b, INDArray c, boolean transposeA, boolean transposeB, double alpha, double beta) {
        long t0 = GemmTimer.start();
        untimedGemm(a, b, c, transposeA, transposeB, alpha, beta);
        GemmTimer.stop(t0);
        return c;
    }

    /** {@link #gemm} without the timing (for products that are not the model's, such as column sums). */
    static INDArray untimedGemm(INDArray a, INDArray b, INDArray c, boolean transposeA, boolean transposeB, double alpha, double beta) {
        if (!(DnnlGemm.accepts(a, b, c, alpha, beta) && DnnlGemm.run(a, b, c, transposeA, transposeB, beta))) {
            Nd4j.gemm(a, b, c, transposeA, transposeB, alpha, beta);
        }
        return c;
    }

    /**
     * Which route {@link #gemm} takes for float products in this process: "oneDNN matmul" or "ND4J gemm". For the
     * benches' header.
     */
    public static String denseProductRoute() { return DnnlGemm.usable() ? "oneDNN matmul" : "ND4J gemm"; }

    /**
     * out = op(x)·op(y), batched over the leading axes, timed like {@link #gemm}: oneMKL's strided batch gemm (or one
     * gemm per item) when oneMKL serves the products and the arrays are dense ({@code ItemProducts}), else ND4J's
     * matmul.
     */
    public static INDArray matmul(INDArray x, INDArray y, INDArray out, boolean transposeX, boolean transposeY) {
        return timed(() -> {
            if (ItemProducts.accepts(x, y, out, transposeX, transposeY)) ItemProducts.run(x, y, out, transposeX, transposeY);
            else Nd4j.matmul(x, y, out, transposeX, transposeY, false);
            return out;
        });
    }

    /**
     * How {@link #matmul} runs the attention's per-head products in this process: "oneMKL strided batch", "one gemm per
     * item" (oneMKL without JavaCPP's MKL preset) or "ND4J batched matmul" (OpenBLAS). For the benches' header.
     */
    public static String batchedProductRoute() { return StridedBatchGemm.route(); }

    /** Runs {@code product} (a matrix product with its operand layout work), timed like {@link #gemm}. */
    private static <T> T timed(Supplier<T> product) {
        long t0 = GemmTimer.start();
        T out = product.get();
        GemmTimer.stop(t0);
        return out;
    }

    // ---------------------------------------------------------------- K stacked cotangents

    /** K = rows / cachedRows for a cotangent [K·cachedRows, width] of {@code op}, with a clear error when it does not fit. */
    public static long stackedCopies(INDArray dy, long cachedRows, long width, String op) {
        if (dy.rank() != 2 || dy.size(1) != width || dy.size(0) % cachedRows != 0 || dy.size(0) == 0) {
            throw new IllegalArgumentException("cotangent of " + op + " must be [K*" + cachedRows + ", " + width
                    + "] for the cached forward, got " + Arrays.toString(dy.shape()));
        }
        return dy.size(0) / cachedRows;
    }

    /** In place: a [K·N, W] *= b [N, W] (every copy; b broadcast, not tiled). */
    public static INDArray mulStacked(INDArray a, INDArray b) { return Stacked.mulRows(a, b); }

    /** Sum over the K copies: [K·N, W] → [N, W] (a itself when K = 1). */
    public static INDArray sumStacked(INDArray a, long n) { return Stacked.sumCopies(a, n); }

    /** Σ_r a[r, c] of a 2-D array [R, C] → [C], as one product with a row of ones (see {@code ColumnSums}). */
    public static INDArray columnSums(INDArray a) { return ColumnSums.of(a); }

    /**
     * Whether {@code a} is float or double with its elements in 'c' order without gaps from its offset on (axes of size 1
     * ignored; views of whole rows qualify): what the plain-Java passes, here and in other packages, read in place.
     */
    public static boolean denseFloating(INDArray a) { return ElementwiseKernels.contiguous(a); }

    /** {@code a} in dense 'c' order, not a view: {@code a} itself when it is, else a copy. */
    public static INDArray contiguous(INDArray a) { return Stacked.contiguous(a); }

    // ---------------------------------------------------------------- execution

    /**
     * Runs {@code body} on the calling thread with the kernels split over {@code threads} threads and matrix products
     * timed into {@code gemmNanos} (null: not timed): how {@code model.Execution} applies itself to a call.
     */
    public static <T> T run(int threads, LongAdder gemmNanos, Supplier<T> body) {
        return RowParallel.withThreads(threads, () -> GemmTimer.into(gemmNanos, body));
    }

    /** {@code OMP_NUM_THREADS} when set (ND4J's own budget), else the available processors. */
    public static int defaultThreads() { return RowParallel.defaultThreads(); }

    /** The body of a row loop over rows [from, to) ({@link #forRows}). */
    @FunctionalInterface
    public interface RowRange {
        void run(int from, int to);
    }

    /**
     * Runs {@code body} over rows [0, rows) in contiguous parts split over the calling execution's threads, as the
     * kernels here split theirs (small loops stay on the calling thread): for the row-wise rules that other packages
     * compute in Java (DeepLIFT's). Each part must write only its own rows.
     *
     * @param elementsPerRow the work of one row, in elements, which decides how many parts are worth a fork
     */
    public static void forRows(int rows, long elementsPerRow, RowRange body) {
        RowParallel.forRows(rows, elementsPerRow, body::run);
    }

    /** Float and double arrays only (the kernels' types), with an error naming the array otherwise. */
    private static INDArray floating(INDArray a) {
        if (a.dataType() != DataType.FLOAT && a.dataType() != DataType.DOUBLE) {
            throw new IllegalArgumentException("the kernels take FLOAT or DOUBLE arrays, got " + a.shapeInfoToString());
        }
        return a;
    }
}
