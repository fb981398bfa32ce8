package org.bertology4j.core.layers;

import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastSubOp;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.Arrays;
import java.util.List;

/**
 * Multi-head self-attention including the output projection (Hugging Face {@code BertSelfAttention}
 * + {@code BertSelfOutput.dense}; the residual and LayerNorm are in {@link EncoderLayer}).
 * <p>Shapes: input [B*T, H] → fused Q|K|V projection [B*T, 3H] → one permute copy into
 * [3, B, heads, T, d] → batched (rank-4) matmuls for scores [B, heads, T, T] and context
 * [B, heads, T, d] → merge heads [B*T, H] → output dense. Q is scaled by 1/√d before QKᵀ.
 * The attention mask is additive: 0 for real keys, {@link #MASK_VALUE} for padding keys
 * (as Google's BERT and Hugging Face; exp underflows to exactly 0 in float and double).
 */
public final class SelfAttention {
    /** Added to the scores of padding keys. */
    public static final double MASK_VALUE = -10000.0;

    private final Linear qkv;     // [H, 3H]: columns Q | K | V
    private final Linear output;  // [H, H]
    private final int heads;
    private final int headDim;

    /** What the backward pass needs (and what a trace may keep). */
    public static final class Cache {
        public final Linear.Cache qkv = new Linear.Cache();
        /** Q (already scaled by 1/√d), K, V as [B, heads, T, d] views of one contiguous buffer. */
        public INDArray q, k, v;
        /** Attention probabilities actually used (after interventions) [B, heads, T, T]. */
        public INDArray probs;
        /** Merged context [B*T, H] (input of the output dense). */
        public final Linear.Cache output = new Linear.Cache();
    }

    /** Per-call results besides the output that a trace may want. */
    public static final class Record {
        /** Scores + additive mask, before softmax [B, heads, T, T]; filled when asked. */
        public INDArray scores;
        /** Probabilities used [B, heads, T, T]. */
        public INDArray probs;
        /**
         * Set by a caller that keeps {@link #probs} beyond the layer: they are then computed straight into memory
         * outside the scratch workspace instead of being copied out of it afterwards.
         */
        public boolean keepProbs;
        /** With {@link #keepProbs}: where to compute them, a dense [B, heads, T, T] (view) outside the scratch memory. */
        public INDArray probsInto;
    }

    public SelfAttention(Linear query, Linear key, Linear value, Linear output, int heads) {
        long h = query.inFeatures();
        if (h % heads != 0) throw new IllegalArgumentException("hidden " + h + " not divisible by heads " + heads);
        INDArray w = Nd4j.hstack(query.weightT(), key.weightT(), value.weightT());
        INDArray b = Nd4j.concat(0, query.bias(), key.bias(), value.bias());
        this.qkv = new Linear(w, b);
        this.output = output;
        this.heads = heads;
        this.headDim = (int) (h / heads);
    }

    public Linear qkv() { return qkv; }
    public Linear output() { return output; }
    public int heads() { return heads; }
    public int headDim() { return headDim; }

    /**
     * @param x             input [B*T, H]
     * @param additiveMask  [B, T]: 0 for real tokens, {@link #MASK_VALUE} for padding; null when nothing is padding
     * @param realMask      [B, T]: 1 for real tokens, 0 for padding (for {@link HeadIntervention.Kind#DISABLE})
     * @param interventions changes to this layer's heads (may be empty)
     * @param keepScores    whether to fill {@code record.scores}
     * @param record        receives probabilities (and scores), may be null
     * @param cache         receives what backward needs, may be null
     * @return attention output before residual [B*T, H]
     */
    public INDArray forward(INDArray x, int batch, int seqLen, INDArray additiveMask, INDArray realMask,
                            List<HeadIntervention> interventions, boolean keepScores, Record record, Cache cache) {
        INDArray out = forwardWithoutOutputBias(x, batch, seqLen, additiveMask, realMask, interventions, keepScores,
                record, cache);
        if (output.bias() != null) out.addiRowVector(output.bias());
        return out;
    }

    /**
     * As {@link #forward} but without the output dense layer's bias (a fresh array the caller may
     * overwrite), so that {@link EncoderLayer} can fuse the bias add into its LayerNorm pass.
     * {@code additiveMask} may be null when no key is padding (skips adding zeros).
     */
    INDArray forwardWithoutOutputBias(INDArray x, int batch, int seqLen, INDArray additiveMask, INDArray realMask,
                                      List<HeadIntervention> interventions, boolean keepScores, Record record, Cache cache) {
        int hid = heads * headDim;
        double scale = 1.0 / Math.sqrt(headDim);
        INDArray proj = qkv.product(x, cache == null ? null : cache.qkv);                 // [N, 3H], no bias yet
        INDArray qkvHeads;
        if (ElementwiseKernels.accepts(proj) && (qkv.bias() == null || qkv.bias().dataType() == proj.dataType())) {
            // bias + split into heads + Q scaling in one pass (a 5-D permute assign is one strided ND4J copy
            // plus two more ops for the bias and the scaling)
            INDArray bias = qkv.bias() == null || !qkv.bias().isView() ? qkv.bias() : qkv.bias().dup('c');
            qkvHeads = ElementwiseKernels.splitHeads(proj, bias, scale, batch, seqLen, heads, headDim);
        } else {
            if (qkv.bias() != null) proj.addiRowVector(qkv.bias());
            qkvHeads = Nd4j.create(x.dataType(), new long[]{3, batch, heads, seqLen, headDim}, 'c');
            qkvHeads.assign(proj.reshape('c', batch, seqLen, 3, heads, headDim).permute(2, 0, 3, 1, 4));
            qkvHeads.get(NDArrayIndex.point(0)).muli(scale);
        }
        INDArray q = qkvHeads.get(NDArrayIndex.point(0));
        INDArray k = qkvHeads.get(NDArrayIndex.point(1));
        INDArray v = qkvHeads.get(NDArrayIndex.point(2));

        long[] probsShape = {batch, heads, seqLen, seqLen};
        boolean keep = record != null && record.keepProbs;
        INDArray into = keep ? record.probsInto : null;
        if (into != null && !Arrays.equals(into.shape(), probsShape)) {
            throw new IllegalArgumentException("attention destination has shape " + Arrays.toString(into.shape())
                    + ", expected " + Arrays.toString(probsShape));
        }
        // ND4J 1.0.0-M2.1 returns sub-views without data (data() == null) when a view of a view is point-indexed,
        // as the head interventions do; with interventions the destination is filled by a copy afterwards.
        boolean direct = into != null && interventions.isEmpty();
        INDArray probs;
        if (direct) {
            probs = into;
        } else if (keep && into == null) {
            try (MemoryWorkspace outside = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                probs = Nd4j.createUninitialized(x.dataType(), probsShape, 'c');
            }
        } else {
            probs = Nd4j.createUninitialized(x.dataType(), probsShape, 'c');
        }
        long t0 = GemmTimer.start();
        if (headDim < 64) {
            // ND4J's batched product Q·Kᵀ with transB takes twice as long as the plain product for 32-wide heads
            // (bge-small, [8, 12, 128, 32]: 1.2 vs 0.55 ms, measured; no difference at 64), so K is transposed first
            // (a ~0.15 ms copy into the scratch workspace).
            INDArray kT = Nd4j.createUninitialized(x.dataType(), new long[]{batch, heads, headDim, seqLen}, 'c');
            kT.assign(k.permute(0, 1, 3, 2));
            Nd4j.matmul(q, kT, probs, false, false, false);
        } else {
            Nd4j.matmul(q, k, probs, false, true, false);
        }
        GemmTimer.stop(t0);
        if (additiveMask != null) Nd4j.exec(new BroadcastAddOp(probs, additiveMask, probs, 0, 3)); // mask keys (last axis)
        if (keepScores && record != null) record.scores = probs.dup('c');
        Nd4j.exec(new SoftMax(probs, probs, -1));
        for (HeadIntervention iv : interventions) apply(iv, probs, realMask, batch, seqLen);
        if (into != null && !direct) {
            into.assign(probs);
            probs = into;
        }

        INDArray context = Nd4j.createUninitialized(x.dataType(), new long[]{batch, heads, seqLen, headDim}, 'c');
        t0 = GemmTimer.start();
        Nd4j.matmul(probs, v, context, false, false, false);
        GemmTimer.stop(t0);
        INDArray merged;
        if (ElementwiseKernels.accepts(context)) {
            merged = ElementwiseKernels.mergeHeads(context, batch, seqLen, heads, headDim);
        } else {
            merged = Nd4j.create(x.dataType(), new long[]{batch, seqLen, heads, headDim}, 'c');
            merged.assign(context.permute(0, 2, 1, 3));
            merged = merged.reshape('c', (long) batch * seqLen, hid);
        }
        INDArray out = output.product(merged, cache == null ? null : cache.output);

        if (record != null) record.probs = probs;
        if (cache != null) {
            cache.q = q;
            cache.k = k;
            cache.v = v;
            cache.probs = probs;
        }
        return out;
    }

    private void apply(HeadIntervention iv, INDArray probs, INDArray realMask, int batch, int seqLen) {
        if (iv.head() >= heads) {
            throw new IllegalArgumentException("intervention on head " + iv.head() + " but the layer has " + heads + " heads");
        }
        switch (iv.kind()) {
            case MASK -> probs.get(NDArrayIndex.all(), NDArrayIndex.point(iv.head())).assign(0);
            case DISABLE -> {
                for (int b = 0; b < batch; b++) {
                    INDArray row = realMask.getRow(b);
                    double real = row.sumNumber().doubleValue();
                    INDArray uniform = row.div(real);
                    INDArray slice = probs.get(NDArrayIndex.point(b), NDArrayIndex.point(iv.head()));
                    slice.assign(0).addiRowVector(uniform);
                }
            }
            case REPLACE -> {
                INDArray map = iv.map();
                long[] s = map.shape();
                boolean perItem = map.rank() == 3;
                if (s[s.length - 1] != seqLen || s[s.length - 2] != seqLen || (perItem && s[0] != batch)) {
                    throw new IllegalArgumentException("replacement map for head " + iv.head() + " has shape "
                            + Arrays.toString(s) + " but the input needs [" + seqLen + "," + seqLen + "] or ["
                            + batch + "," + seqLen + "," + seqLen + "]");
                }
                INDArray m = map.castTo(probs.dataType());
                for (int b = 0; b < batch; b++) {
                    probs.get(NDArrayIndex.point(b), NDArrayIndex.point(iv.head()))
                            .assign(perItem ? m.get(NDArrayIndex.point(b)) : m);
                }
            }
        }
    }

    // ---------------------------------------------------------------- backward (hand-written VJPs)

    /** Parameter-gradient accumulators: fused Q|K|V dense [H, 3H] and output dense. */
    public static final class Grad {
        public final Linear.Grad qkv, output;

        public Grad(SelfAttention attention) {
            qkv = new Linear.Grad(attention.qkv);
            output = new Linear.Grad(attention.output);
        }
    }

    /** Heads whose probabilities were set by an intervention (constants: no gradient reaches their scores). */
    public boolean[] fixedHeads(List<HeadIntervention> interventions) {
        boolean[] fixed = new boolean[heads];
        for (HeadIntervention iv : interventions) fixed[iv.head()] = true;
        return fixed;
    }

    /**
     * VJP of the attention block. {@code dOut} is [K·B·T, H]: K stacked cotangents of the cached
     * [B·T, H] output, ordered (copy, batch item, token). Rules: dP = dC·Vᵀ, dV = Pᵀ·dC,
     * dS = P⊙(dP − rowsum(dP⊙P)) (softmax; zero for heads fixed by an intervention; masked keys have P = 0),
     * dQ = dS·K/√d, dK = dSᵀ·(Q/√d). The K copies are folded into the rows of each gemm
     * ([B·heads, K·T, ·]), so all cotangents go through one batched matmul per product.
     *
     * @param fixedHeads heads to treat as constant probabilities (see {@link #fixedHeads}), or null
     * @param grad       parameter accumulators, or null for input gradients only
     * @param dProbs     if non-null, {@code dProbs[0]} receives dL/dP [K·B, heads, T, T]
     * @return dL/dx [K·B·T, H]
     */
    public INDArray backward(INDArray dOut, int batch, int seqLen, Cache cache, boolean[] fixedHeads, Grad grad,
                             INDArray[] dProbs) {
        if (cache == null || cache.probs == null) {
            throw new IllegalStateException("attention backward needs the forward cache (TraceOptions.keepCaches())");
        }
        int hid = heads * headDim;
        long kk = Stacked.copies(dOut, (long) batch * seqLen, hid, "self-attention");
        int bh = batch * heads;
        long kt = kk * seqLen;
        var dt = dOut.dataType();
        INDArray dMerged = output.backward(Stacked.contiguous(dOut), cache.output, grad == null ? null : grad.output);
        INDArray dC5 = dMerged.reshape('c', kk, batch, seqLen, heads, headDim);
        // Layout A [B, heads, K, T, d] → rows (copy, query) per head, for dP and dQ.
        INDArray dCa = Nd4j.create(dt, new long[]{batch, heads, kk, seqLen, headDim}, 'c');
        dCa.assign(dC5.permute(1, 3, 0, 2, 4));
        // Layout B [B, heads, T, K, d] → columns (copy, dim) per head, for dV = Pᵀ·dC (the same as A when K = 1).
        INDArray dCb = dCa;
        if (kk > 1) {
            dCb = Nd4j.create(dt, new long[]{batch, heads, seqLen, kk, headDim}, 'c');
            dCb.assign(dC5.permute(1, 3, 2, 0, 4));
        }

        INDArray p3 = cache.probs.reshape('c', bh, seqLen, seqLen);
        INDArray q3 = Stacked.contiguous(cache.q).reshape('c', bh, seqLen, headDim);
        INDArray k3 = Stacked.contiguous(cache.k).reshape('c', bh, seqLen, headDim);
        INDArray v3 = Stacked.contiguous(cache.v).reshape('c', bh, seqLen, headDim);

        long t0 = GemmTimer.start();
        INDArray dP = Nd4j.create(dt, new long[]{bh, kt, seqLen}, 'c');
        Nd4j.matmul(dCa.reshape('c', bh, kt, headDim), v3, dP, false, true, false);
        INDArray dV = Nd4j.create(dt, new long[]{bh, seqLen, kk * headDim}, 'c');
        Nd4j.matmul(p3, dCb.reshape('c', bh, seqLen, kk * headDim), dV, true, false, false);
        GemmTimer.stop(t0);

        if (dProbs != null) {
            INDArray out = Nd4j.create(dt, new long[]{kk, batch, heads, seqLen, seqLen}, 'c');
            out.assign(dP.reshape('c', batch, heads, kk, seqLen, seqLen).permute(2, 0, 1, 3, 4));
            dProbs[0] = out.reshape('c', kk * batch, heads, seqLen, seqLen);
        }

        // Softmax VJP, P broadcast over the K copies: one fused pass when the arrays allow it.
        INDArray dS4 = dP.reshape('c', bh, kk, seqLen, seqLen);
        if (ElementwiseKernels.accepts(dP) && p3.dataType() == dt && p3.ordering() == 'c' && p3.elementWiseStride() == 1) {
            ElementwiseKernels.softmaxBackwardInPlace(dP, p3, bh, kk, seqLen);
        } else {
            INDArray tmp = dS4.dup('c');
            Nd4j.exec(new BroadcastMulOp(tmp, p3, tmp, 0, 2, 3));
            INDArray rowSum = tmp.sum(3);                                     // [BH, K, T]
            Nd4j.exec(new BroadcastSubOp(dS4, rowSum, dS4, 0, 1, 2));
            Nd4j.exec(new BroadcastMulOp(dS4, p3, dS4, 0, 2, 3));
        }
        if (fixedHeads != null) {
            INDArray byHead = dS4.reshape('c', batch, heads, kk * seqLen * seqLen);
            for (int h = 0; h < heads; h++) {
                if (fixedHeads[h]) byHead.get(NDArrayIndex.all(), NDArrayIndex.point(h), NDArrayIndex.all()).assign(0);
            }
        }

        t0 = GemmTimer.start();
        INDArray dQ = Nd4j.create(dt, new long[]{bh, kt, headDim}, 'c');
        Nd4j.matmul(dP, k3, dQ, false, false, false);                        // dP now holds dS
        dQ.muli(1.0 / Math.sqrt(headDim));                                    // q was scaled by 1/√d
        INDArray dK = Nd4j.create(dt, new long[]{bh, kt, headDim}, 'c');
        if (kk == 1) {
            Nd4j.matmul(dP, q3, dK, true, false, false);                      // dK = dSᵀ·(Q/√d)
        } else {
            INDArray dSt = Nd4j.create(dt, new long[]{bh, kk, seqLen, seqLen}, 'c');
            dSt.assign(dS4.permute(0, 1, 3, 2));
            Nd4j.matmul(dSt.reshape('c', bh, kt, seqLen), q3, dK, false, false, false);
        }
        GemmTimer.stop(t0);

        // Back to rows (copy, item, token) × columns Q|K|V (head, dim).
        INDArray dProj = Nd4j.create(dt, new long[]{kk, batch, seqLen, 3, heads, headDim}, 'c');
        dProj.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(0))
                .assign(dQ.reshape('c', batch, heads, kk, seqLen, headDim).permute(2, 0, 3, 1, 4));
        dProj.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(1))
                .assign(dK.reshape('c', batch, heads, kk, seqLen, headDim).permute(2, 0, 3, 1, 4));
        dProj.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(2))
                .assign(dV.reshape('c', batch, heads, seqLen, kk, headDim).permute(3, 0, 2, 1, 4));
        return qkv.backward(dProj.reshape('c', kk * batch * seqLen, 3L * hid), cache.qkv, grad == null ? null : grad.qkv);
    }
}
