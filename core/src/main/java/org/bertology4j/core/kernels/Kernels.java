package org.bertology4j.core.kernels;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastSubOp;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Erf;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The execution seam of the ops: every memory-bound step that has a fused plain-Java kernel ({@link ElementwiseKernels},
 * {@link RowNorm}, {@code ErfFloat}/{@code ErfTable}, split over cores by {@link RowParallel}) is called through this
 * facade, which picks the kernel when the arrays allow it (float/double, dense 'c', not views, matching types) and
 * otherwise its own fallback, the equivalent chain of ND4J ops. The op classes in {@code layers} hold only the math
 * of their forward and rules; the fallbacks are also the references the kernel tests check the fused kernels against.
 * A fallback is taken in practice (e.g. for single rows, rank-4 context arrays, views), so each stays exactly as it
 * was: choosing differently would change float rounding.
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
        if (ElementwiseKernels.accepts(proj) && (bias == null || bias.dataType() == proj.dataType())) {
            INDArray b = bias == null || !bias.isView() ? bias : bias.dup('c');
            return ElementwiseKernels.splitHeads(proj, b, qScale, batch, seqLen, heads, headDim);
        }
        if (bias != null) proj.addiRowVector(bias);
        INDArray qkvHeads = Nd4j.create(proj.dataType(), new long[]{3, batch, heads, seqLen, headDim}, 'c');
        qkvHeads.assign(proj.reshape('c', batch, seqLen, 3, heads, headDim).permute(2, 0, 3, 1, 4));
        qkvHeads.get(NDArrayIndex.point(0)).muli(qScale);
        return qkvHeads;
    }

    /** context [B, heads, T, d] → merged rows [B·T, heads·d]. */
    public static INDArray mergeHeads(INDArray context, int batch, int seqLen, int heads, int headDim) {
        if (ElementwiseKernels.accepts(context)) return ElementwiseKernels.mergeHeads(context, batch, seqLen, heads, headDim);
        INDArray merged = Nd4j.create(context.dataType(), new long[]{batch, seqLen, heads, headDim}, 'c');
        merged.assign(context.permute(0, 2, 1, 3));
        return merged.reshape('c', (long) batch * seqLen, (long) heads * headDim);
    }

    /**
     * Softmax VJP in place on dP [B·heads, K·T, T] (P [B·heads, T, T] broadcast over the K copies):
     * dS = P⊙(dP − rowsum(dP⊙P)).
     */
    public static void softmaxBackwardInPlace(INDArray dP, INDArray p3, int bh, long kk, int seqLen) {
        if (ElementwiseKernels.accepts(dP) && p3.dataType() == dP.dataType() && p3.ordering() == 'c' && p3.elementWiseStride() == 1) {
            ElementwiseKernels.softmaxBackwardInPlace(dP, p3, bh, kk, seqLen);
            return;
        }
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
     * passes around one ND4J transcendental op (erf or tanh) instead of ~6 ND4J ops; float erf in one pass.
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

    /** GELU as a chain of ND4J ops (any layout): the fallback and the fused passes' reference. */
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
     * GELU'(x). ERF: Φ(x) + x·φ(x) (float: one fused pass). TANH, with u = √(2/π)(x + 0.044715x³):
     * 0.5(1 + tanh u) + 0.5·x·(1 - tanh²u)·√(2/π)(1 + 3·0.044715x²).
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
     * the sum (the LayerNorm input). {@code bias} ([H]) and {@code residual} ([N, H]) may be null.
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
        INDArray y = RowNorm.forward(x, contiguous(bias), residual, contiguous(gamma), contiguous(beta), eps, mean, rstd);
        return new Normalized(y, x, mean, rstd);
    }

    /** LayerNorm as a chain of ND4J ops (any layout): the fallback and the fused kernel's reference. */
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
     * rows. Accumulates dγ += Σ dy·x̂ and dβ += Σ dy when the accumulators are non-null.
     */
    public static INDArray layerNormBackward(INDArray dy, INDArray xhat, INDArray gamma, INDArray rstd, INDArray dGamma, INDArray dBeta) {
        if (fusable(gamma, dy, xhat, rstd) && (dGamma == null || fusable(gamma, dGamma, dBeta))) {
            return RowNorm.backward(dy, xhat, gamma, rstd, dGamma, dBeta);
        }
        return layerNormBackwardOps(dy, xhat, gamma, rstd, dGamma, dBeta);
    }

    /** The LayerNorm VJP as ND4J ops (any layout): the fallback and the fused kernel's reference. */
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

    private static boolean sameType(INDArray x, INDArray... others) {
        for (INDArray o : others) if (o != null && o.dataType() != x.dataType()) return false;
        return true;
    }

    private static INDArray contiguous(INDArray v) {
        return v == null || (!v.isView() && v.ordering() == 'c') ? v : v.dup('c');
    }

    // ---------------------------------------------------------------- embeddings

    /** Scatter-adds rows [B·T, H] into the word, token-type and position tables at each row's id, segment and position. */
    public static void scatterAddEmbeddingRows(INDArray rows, int[] ids, int[] segmentIds, int seqLen, INDArray word,
                                               INDArray tokenType, INDArray position) {
        if (ElementwiseKernels.accepts(rows) && ElementwiseKernels.accepts(word) && ElementwiseKernels.accepts(tokenType)
                && ElementwiseKernels.accepts(position) && rows.dataType() == word.dataType()) {
            // one plain-Java pass instead of 3 small ND4J ops per token
            int[] positions = new int[ids.length];
            for (int i = 0; i < positions.length; i++) positions[i] = i % seqLen;
            ElementwiseKernels.scatterAddRows(rows, ids, word);
            ElementwiseKernels.scatterAddRows(rows, segmentIds, tokenType);
            ElementwiseKernels.scatterAddRows(rows, positions, position);
            return;
        }
        for (int i = 0; i < ids.length; i++) {
            INDArray r = rows.getRow(i);
            word.getRow(ids[i]).addi(r);
            tokenType.getRow(segmentIds[i]).addi(r);
            position.getRow(i % seqLen).addi(r);
        }
    }
}
