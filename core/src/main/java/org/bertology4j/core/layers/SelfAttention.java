package org.bertology4j.core.layers;

import org.bertology4j.core.kernels.Kernels;

import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
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

    /** What the backward pass needs (and what a trace may keep), filled by the forward, read through accessors. */
    public static final class Cache {
        private final Linear.Cache qkv = new Linear.Cache(), output = new Linear.Cache();
        INDArray q, k, v, probs;

        /** The fused Q|K|V projection's input [B*T, H]. */
        public Linear.Cache qkv() { return qkv; }
        /** The output dense layer's input: the merged context [B*T, H]. */
        public Linear.Cache output() { return output; }

        /** Q, already scaled by 1/√d, [B, heads, T, d] (a view of one buffer with K and V; read-only). */
        public INDArray q() { return q; }
        /** K [B, heads, T, d]. */
        public INDArray k() { return k; }
        /** V [B, heads, T, d]. */
        public INDArray v() { return v; }
        /** Attention probabilities actually used (after interventions) [B, heads, T, T]. */
        public INDArray probs() { return probs; }
    }

    /** What a caller keeps of one forward besides the output: the probabilities used and, when asked, the scores. */
    public static final class Record {
        private final boolean keepScores, keepProbs;
        private final INDArray probsInto;
        private INDArray scores, probs;

        /** Records the probabilities (which may live in the caller's scratch memory) and, when asked, the scores. */
        public Record(boolean keepScores) { this(keepScores, false, null); }

        /**
         * @param keepProbs the caller keeps the probabilities beyond the layer: they are then computed straight into
         *                  memory outside the scratch workspace instead of being copied out of it afterwards
         * @param probsInto with {@code keepProbs}: where to compute them, a dense [B, heads, T, T] (view) outside the
         *                  scratch memory, or null
         */
        public Record(boolean keepScores, boolean keepProbs, INDArray probsInto) {
            if (probsInto != null && !keepProbs) throw new IllegalArgumentException("a destination for probabilities that are not kept");
            this.keepScores = keepScores;
            this.keepProbs = keepProbs;
            this.probsInto = probsInto;
        }

        /** Scores + additive mask, before softmax [B, heads, T, T], when asked for; else null. */
        public INDArray scores() { return scores; }

        /** Probabilities used [B, heads, T, T]. */
        public INDArray probs() { return probs; }
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
     * @param record        receives probabilities (and scores when it asks), may be null
     * @param cache         receives what backward needs, may be null
     * @return attention output before residual [B*T, H]
     */
    public INDArray forward(INDArray x, int batch, int seqLen, INDArray additiveMask, INDArray realMask,
                            List<HeadIntervention> interventions, Record record, Cache cache) {
        INDArray out = forwardWithoutOutputBias(x, batch, seqLen, additiveMask, realMask, interventions, record, cache);
        if (output.bias() != null) out.addiRowVector(output.bias());
        return out;
    }

    /**
     * As {@link #forward} but without the output dense layer's bias (a fresh array the caller may
     * overwrite), so that {@link EncoderLayer} can fuse the bias add into its LayerNorm pass.
     * {@code additiveMask} may be null when no key is padding (skips adding zeros).
     */
    INDArray forwardWithoutOutputBias(INDArray x, int batch, int seqLen, INDArray additiveMask, INDArray realMask,
                                      List<HeadIntervention> interventions, Record record, Cache cache) {
        int hid = heads * headDim;
        double scale = 1.0 / Math.sqrt(headDim);
        INDArray proj = qkv.product(x, cache == null ? null : cache.qkv);                 // [N, 3H], no bias yet
        INDArray qkvHeads = Kernels.splitHeads(proj, qkv.bias(), scale, batch, seqLen, heads, headDim);
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
        INDArray scores = probs;
        if (headDim >= 64) {
            Kernels.matmul(q, k, scores, false, true);
        } else {
            // ND4J's batched product Q·Kᵀ with transB takes twice as long as the plain product for 32-wide heads
            // (bge-small, [8, 12, 128, 32]: 1.2 vs 0.55 ms, measured; no difference at 64), so K is transposed first
            // (a ~0.15 ms copy into the scratch workspace).
            INDArray kT = Nd4j.createUninitialized(x.dataType(), new long[]{batch, heads, headDim, seqLen}, 'c');
            kT.assign(k.permute(0, 1, 3, 2));
            Kernels.matmul(q, kT, scores, false, false);
        }
        if (additiveMask != null) Nd4j.exec(new BroadcastAddOp(probs, additiveMask, probs, 0, 3)); // mask keys (last axis)
        if (record != null && record.keepScores) record.scores = probs.dup('c');
        Nd4j.exec(new SoftMax(probs, probs, -1));
        for (HeadIntervention iv : interventions) apply(iv, probs, realMask, batch, seqLen);
        if (into != null && !direct) {
            into.assign(probs);
            probs = into;
        }

        INDArray context = Nd4j.createUninitialized(x.dataType(), new long[]{batch, heads, seqLen, headDim}, 'c');
        Kernels.matmul(probs, v, context, false, false);
        INDArray merged = Kernels.mergeHeads(context, batch, seqLen, heads, headDim);
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
     * VJP of the attention block ({@link VjpRules}). {@code dOut} is [K·B·T, H]: K stacked cotangents of the
     * cached [B·T, H] output, ordered (copy, batch item, token).
     *
     * @param fixedHeads heads to treat as constant probabilities (see {@link #fixedHeads}), or null
     * @param grad       parameter accumulators, or null for input gradients only
     * @param dProbs     if non-null, {@code dProbs[0]} receives dL/dP [K·B, heads, T, T]
     * @return dL/dx [K·B·T, H]
     */
    public INDArray backward(INDArray dOut, int batch, int seqLen, Cache cache, boolean[] fixedHeads, Grad grad,
                             INDArray[] dProbs) {
        return backward(dOut, new VjpRules(this, cache, fixedHeads, batch, seqLen, grad, dProbs));
    }

    /**
     * The attention block's one backward composition for any rule set: output dense, head merge, C = P·V,
     * softmax, S = Q̃·Kᵀ, head split, Q|K|V dense, crossed in reverse (the residual is the layer's).
     */
    public <G, A> G backward(G dOut, LayerRules<G, A> rules) {
        A dContext = rules.mergeHeads(rules.dense(LayerRules.Dense.ATTENTION_OUTPUT, dOut));
        A dProbs = rules.probsOfContext(dContext);
        A dValues = rules.valuesOfContext(dContext);
        A dScores = rules.softmax(dProbs);
        A dQuery = rules.queryOfScores(dScores);
        A dKey = rules.keyOfScores(dScores);
        return rules.dense(LayerRules.Dense.QKV, rules.splitHeads(dQuery, dKey, dValues));
    }
}
