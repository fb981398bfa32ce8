package org.bertology4j.core.layers;

import org.bertology4j.core.kernels.Kernels;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The gradient rule set: each op's vector-Jacobian product, for K stacked cotangents [K·B·T, ·] of one cached
 * forward pass (ordered copy, batch item, token), optionally accumulating parameter gradients and dL/dP.
 * The K copies are folded into the rows of each attention gemm ([B·heads, K·T, ·]), so all cotangents go through
 * one batched matmul per product. Rules: dP = dC·Vᵀ, dV = Pᵀ·dC, dS = P⊙(dP − rowsum(dP⊙P)) (zero for heads
 * fixed by an intervention; masked keys have P = 0), dQ = dS·K/√d, dK = dSᵀ·(Q/√d).
 * One instance serves one backward call through one layer (it keeps the attention block's layouts in between).
 */
public final class VjpRules implements LayerRules<INDArray, INDArray> {
    /** The attention block's part: its forward values, heads fixed by interventions, accumulators. */
    private record Attention(SelfAttention att, SelfAttention.Cache cache, boolean[] fixedHeads, SelfAttention.Grad grad) {}

    private final EncoderLayer layer;
    private final EncoderLayer.Derived derived;
    private final EncoderLayer.Grad grad;
    private final SelfAttention att;
    private final SelfAttention.Cache cache;
    private final Attention a;
    private final int batch, seqLen;
    private final INDArray[] dProbs;
    // attention state between the rules of one call
    private long kk;
    private INDArray dC5, p3;

    /**
     * @param grad   parameter accumulators, or null (input gradients only)
     * @param dProbs if non-null, {@code dProbs[0]} receives dL/dP [K·B, heads, T, T]
     */
    VjpRules(EncoderLayer layer, EncoderLayer.Derived derived, int batch, int seqLen, EncoderLayer.Grad grad,
             INDArray[] dProbs) {
        this(layer, derived, grad, new Attention(layer.attention(), derived.cache.attention(), derived.fixedHeads,
                grad == null ? null : grad.attention), batch, seqLen, dProbs);
    }

    /** The attention block alone (its dense layers and head ops; no LayerNorm, GELU or FFN). */
    VjpRules(SelfAttention att, SelfAttention.Cache cache, boolean[] fixedHeads, int batch, int seqLen,
             SelfAttention.Grad grad, INDArray[] dProbs) {
        this(null, null, null, new Attention(att, cache, fixedHeads, grad), batch, seqLen, dProbs);
    }

    private VjpRules(EncoderLayer layer, EncoderLayer.Derived derived, EncoderLayer.Grad grad, Attention a, int batch,
                     int seqLen, INDArray[] dProbs) {
        if (a.cache() == null || a.cache().probs == null) {
            throw new IllegalStateException("attention backward needs the forward cache (TraceOptions.keepCaches())");
        }
        this.layer = layer;
        this.derived = derived;
        this.grad = grad;
        this.a = a;
        this.att = a.att();
        this.cache = a.cache();
        this.batch = batch;
        this.seqLen = seqLen;
        this.dProbs = dProbs;
    }

    /**
     * These rules for a cotangent of the layer output [B·T, H] (one copy) that is non-zero on few rows: the row-wise
     * ops then run on those rows only ({@link ActiveRowsRules}); these rules themselves when the cotangent has more
     * non-zero rows than a quarter, or when this rule set is the attention block's alone.
     */
    public LayerRules<INDArray, INDArray> forCotangent(INDArray dy) {
        if (layer == null || dy.size(0) != (long) batch * seqLen) return this;
        int[] rows = ActiveRowsRules.activeRows(dy);
        return rows == null ? this : new ActiveRowsRules(this, layer, derived, grad, rows, (long) batch * seqLen);
    }

    @Override
    public INDArray layerNorm(Norm norm, INDArray dy) {
        EncoderLayer.Cache c = derived.cache;
        return norm == Norm.OUTPUT
                ? layer.outputNorm().backward(dy, c.outputNorm(), derived.outputNormXhat, grad == null ? null : grad.outputNorm)
                : layer.attentionNorm().backward(dy, c.attentionNorm(), derived.attentionNormXhat,
                        grad == null ? null : grad.attentionNorm);
    }

    @Override
    public INDArray dense(Dense dense, INDArray dy) {
        return switch (dense) {
            case FFN_OUTPUT -> layer.ffnOutput().backward(dy, derived.cache.ffnOutput(), grad == null ? null : grad.ffnOutput);
            case INTERMEDIATE -> layer.intermediate().backward(dy, derived.cache.intermediate(),
                    grad == null ? null : grad.intermediate);
            case ATTENTION_OUTPUT -> {
                kk = Kernels.stackedCopies(dy, (long) batch * seqLen, (long) att.heads() * att.headDim(), "self-attention");
                yield att.output().backward(Kernels.contiguous(dy), cache.output(), a.grad() == null ? null : a.grad().output);
            }
            case QKV -> att.qkv().backward(dy, cache.qkv(), a.grad() == null ? null : a.grad().qkv);
        };
    }

    @Override
    public INDArray gelu(INDArray dy) { return Gelu.backward(dy, derived.geluDerivative); }

    @Override
    public INDArray residual(INDArray branch, INDArray skip) { return branch.addi(skip); }

    /** Layout [B, heads, K, T, d]: rows (copy, query) per head, for dP and dQ. */
    @Override
    public INDArray mergeHeads(INDArray dMerged) {
        dC5 = dMerged.reshape('c', kk, batch, seqLen, att.heads(), att.headDim());
        INDArray dCa = Nd4j.createUninitialized(dMerged.dataType(), new long[]{batch, att.heads(), kk, seqLen, att.headDim()}, 'c');   // all assigned
        dCa.assign(dC5.permute(1, 3, 0, 2, 4));
        p3 = cache.probs.reshape('c', (long) batch * att.heads(), seqLen, seqLen);
        return dCa;
    }

    /** dP = dC·Vᵀ [B·heads, K·T, T] (also copied out into dL/dP when asked). */
    @Override
    public INDArray probsOfContext(INDArray dCa) {
        int bh = batch * att.heads(), d = att.headDim();
        INDArray v3 = Kernels.contiguous(cache.v).reshape('c', bh, seqLen, d);
        INDArray dP = product(dCa.reshape('c', bh, kk * seqLen, d), v3, false, true, bh, kk * seqLen, seqLen);
        if (dProbs != null) {
            INDArray out = Nd4j.create(dP.dataType(), new long[]{kk, batch, att.heads(), seqLen, seqLen}, 'c');
            out.assign(dP.reshape('c', batch, att.heads(), kk, seqLen, seqLen).permute(2, 0, 1, 3, 4));
            dProbs[0] = out.reshape('c', kk * batch, att.heads(), seqLen, seqLen);
        }
        return dP;
    }

    /** dV = Pᵀ·dC [B·heads, T, K·d], with dC in layout [B, heads, T, K, d] (the same as dCa when K = 1). */
    @Override
    public INDArray valuesOfContext(INDArray dCa) {
        int bh = batch * att.heads(), d = att.headDim();
        INDArray dCb = dCa;
        if (kk > 1) {
            dCb = Nd4j.createUninitialized(dCa.dataType(), new long[]{batch, att.heads(), seqLen, kk, d}, 'c');
            dCb.assign(dC5.permute(1, 3, 2, 0, 4));
        }
        return product(p3, dCb.reshape('c', bh, seqLen, kk * d), true, false, bh, seqLen, kk * d);
    }

    /** Softmax VJP in place on dP, P broadcast over the K copies: one fused pass when the arrays allow it. */
    @Override
    public INDArray softmax(INDArray dP) {
        int bh = batch * att.heads();
        Kernels.softmaxBackwardInPlace(dP, p3, bh, kk, seqLen);
        INDArray dS4 = dP.reshape('c', bh, kk, seqLen, seqLen);
        boolean[] fixedHeads = a.fixedHeads();
        if (fixedHeads != null) {
            INDArray byHead = dS4.reshape('c', batch, att.heads(), kk * seqLen * seqLen);
            for (int h = 0; h < att.heads(); h++) {
                if (fixedHeads[h]) byHead.get(NDArrayIndex.all(), NDArrayIndex.point(h), NDArrayIndex.all()).assign(0);
            }
        }
        return dP;
    }

    /** dQ = dS·K/√d [B·heads, K·T, d]. */
    @Override
    public INDArray queryOfScores(INDArray dS) {
        int bh = batch * att.heads(), d = att.headDim();
        INDArray k3 = Kernels.contiguous(cache.k).reshape('c', bh, seqLen, d);
        return product(dS, k3, false, false, bh, kk * seqLen, d).muli(1.0 / Math.sqrt(d));   // q was scaled by 1/√d
    }

    /** dK = dSᵀ·(Q/√d) [B·heads, K·T, d]. */
    @Override
    public INDArray keyOfScores(INDArray dS) {
        int bh = batch * att.heads(), d = att.headDim();
        INDArray q3 = Kernels.contiguous(cache.q).reshape('c', bh, seqLen, d);
        if (kk == 1) return product(dS, q3, true, false, bh, seqLen, d);
        INDArray dSt = Nd4j.create(dS.dataType(), new long[]{bh, kk, seqLen, seqLen}, 'c');
        dSt.assign(dS.reshape('c', bh, kk, seqLen, seqLen).permute(0, 1, 3, 2));
        return product(dSt.reshape('c', bh, kk * seqLen, seqLen), q3, false, false, bh, kk * seqLen, d);
    }

    /** Back to rows (copy, item, token) × columns Q|K|V (head, dim). */
    @Override
    public INDArray splitHeads(INDArray dQ, INDArray dK, INDArray dV) {
        int heads = att.heads(), d = att.headDim();
        INDArray dProj = Nd4j.createUninitialized(dQ.dataType(), new long[]{kk, batch, seqLen, 3, heads, d}, 'c');   // Q, K, V all assigned
        dProj.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(0))
                .assign(dQ.reshape('c', batch, heads, kk, seqLen, d).permute(2, 0, 3, 1, 4));
        dProj.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(1))
                .assign(dK.reshape('c', batch, heads, kk, seqLen, d).permute(2, 0, 3, 1, 4));
        dProj.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(2))
                .assign(dV.reshape('c', batch, heads, seqLen, kk, d).permute(3, 0, 2, 1, 4));
        return dProj.reshape('c', kk * batch * seqLen, 3L * heads * d);
    }

    /** A batched product into a fresh [n, rows, cols] array, timed for the benches. */
    private static INDArray product(INDArray x, INDArray y, boolean tx, boolean ty, long n, long rows, long cols) {
        return Kernels.matmul(x, y, Nd4j.createUninitialized(x.dataType(), new long[]{n, rows, cols}, 'c'), tx, ty);
    }
}
