package org.bertology4j.core.layers;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;

/**
 * One transformer layer (post-LN, as BERT):
 * a = Attn(x); h1 = LN1(a + x); f = GELU(x·W1 + b1); o = f·W2 + b2; h2 = LN2(o + h1).
 */
public record EncoderLayer(SelfAttention attention, LayerNorm attentionNorm, Linear intermediate, Linear ffnOutput,
                           LayerNorm outputNorm, Gelu.Form gelu) {
    /**
     * What the backward pass needs of one forward through this layer: the ops' caches, filled by {@link #forward} and
     * read through accessors (a trace's {@code cache(l)}; the arrays belong to the engine: do not modify them).
     */
    public static final class Cache {
        private final SelfAttention.Cache attention = new SelfAttention.Cache();
        private final LayerNorm.Cache attentionNorm = new LayerNorm.Cache();
        private final Linear.Cache intermediate = new Linear.Cache();
        private final Gelu.Cache gelu = new Gelu.Cache();
        private final Linear.Cache ffnOutput = new Linear.Cache();
        private final LayerNorm.Cache outputNorm = new LayerNorm.Cache();

        /** The attention block's: Q|K|V input, scaled Q, K, V, probabilities used, merged context. */
        public SelfAttention.Cache attention() { return attention; }
        /** LN1's: its input a + b + x, row means and 1/std. */
        public LayerNorm.Cache attentionNorm() { return attentionNorm; }
        /** The intermediate dense layer's input h1. */
        public Linear.Cache intermediate() { return intermediate; }
        /** The GELU's input (the intermediate pre-activation, bias included). */
        public Gelu.Cache gelu() { return gelu; }
        /** The output dense layer's input (the GELU output). */
        public Linear.Cache ffnOutput() { return ffnOutput; }
        /** LN2's: its input o + b + h1, row means and 1/std. */
        public LayerNorm.Cache outputNorm() { return outputNorm; }
    }

    /** What a caller keeps of one forward besides the output and the cache: the attention's record, the FFN activations. */
    public static final class Record {
        private final SelfAttention.Record attention;
        private final boolean keepFfn;
        private INDArray ffnActivations;

        /** @param keepFfn whether to keep the GELU output */
        public Record(SelfAttention.Record attention, boolean keepFfn) {
            if (attention == null) throw new IllegalArgumentException("the attention record is null");
            this.attention = attention;
            this.keepFfn = keepFfn;
        }

        public SelfAttention.Record attention() { return attention; }

        /** GELU output [B*T, intermediate] when asked for, else null. */
        public INDArray ffnActivations() { return ffnActivations; }
    }

    /**
     * @param x            input hidden state [B*T, H]
     * @param additiveMask [B, T] (see {@link SelfAttention#forward}); null when nothing is padding
     * @param record       what to keep besides the output (probabilities, scores, FFN activations), or null
     * @param cache        receives what the backward needs, or null
     * @return output hidden state [B*T, H]
     */
    public INDArray forward(INDArray x, int batch, int seqLen, INDArray additiveMask, INDArray realMask,
                            List<HeadIntervention> interventions, Record record, Cache cache) {
        // Dense layers return x·Wᵀ without bias; each bias add is fused into the next pass (LayerNorm, GELU).
        INDArray a = attention.forwardWithoutOutputBias(x, batch, seqLen, additiveMask, realMask, interventions,
                record == null ? null : record.attention, cache == null ? null : cache.attention);
        INDArray h1 = attentionNorm.forward(a, attention.output().bias(), x,
                cache == null ? null : cache.attentionNorm);                             // LN(a + b + x)
        INDArray pre = intermediate.product(h1, cache == null ? null : cache.intermediate);
        INDArray f = Gelu.forward(pre, intermediate.bias(), gelu, cache == null ? null : cache.gelu);
        if (record != null && record.keepFfn) record.ffnActivations = f;
        INDArray o = ffnOutput.product(f, cache == null ? null : cache.ffnOutput);
        return outputNorm.forward(o, ffnOutput.bias(), h1, cache == null ? null : cache.outputNorm);
    }

    // ---------------------------------------------------------------- backward (hand-written VJPs)

    /** Parameter-gradient accumulators of one layer. */
    public static final class Grad {
        public final SelfAttention.Grad attention;
        public final LayerNorm.Grad attentionNorm, outputNorm;
        public final Linear.Grad intermediate, ffnOutput;

        public Grad(EncoderLayer layer) {
            attention = new SelfAttention.Grad(layer.attention);
            attentionNorm = new LayerNorm.Grad(layer.attentionNorm);
            intermediate = new Linear.Grad(layer.intermediate);
            ffnOutput = new Linear.Grad(layer.ffnOutput);
            outputNorm = new LayerNorm.Grad(layer.outputNorm);
        }

        /** Zero: the dense layers lazily ({@link Linear.Grad#zeroLazily()}), the LayerNorms at once. */
        public void zero() {
            attention.qkv.zeroLazily();
            attention.output.zeroLazily();
            intermediate.zeroLazily();
            ffnOutput.zeroLazily();
            for (LayerNorm.Grad n : new LayerNorm.Grad[]{attentionNorm, outputNorm}) n.arrays().forEach(a -> a.assign(0));
        }

        /** Writes the dense layers' pending lazy zeros (before the arrays are read directly). */
        public void materialize() {
            attention.qkv.materialize();
            attention.output.materialize();
            intermediate.materialize();
            ffnOutput.materialize();
        }

        /** The accumulators in checkpoint order: Q|K|V, attention output, its LayerNorm, FFN in and out, LayerNorm. */
        public java.util.List<INDArray> arrays() {
            java.util.List<INDArray> a = new java.util.ArrayList<>(attention.qkv.arrays());
            a.addAll(attention.output.arrays());
            a.addAll(attentionNorm.arrays());
            a.addAll(intermediate.arrays());
            a.addAll(ffnOutput.arrays());
            a.addAll(outputNorm.arrays());
            return a;
        }
    }

    /**
     * Values derived once from a cache and reused by every VJP through it (x̂ of both LayerNorms and
     * GELU'), so that many backward calls over one forward pass do not recompute them. Read-only.
     */
    public static final class Derived {
        final Cache cache;
        final INDArray attentionNormXhat, outputNormXhat, geluDerivative;
        final boolean[] fixedHeads;

        Derived(EncoderLayer layer, Cache cache, List<HeadIntervention> interventions) {
            this.cache = cache;
            attentionNormXhat = LayerNorm.normalized(cache.attentionNorm);
            outputNormXhat = LayerNorm.normalized(cache.outputNorm);
            geluDerivative = Gelu.derivative(cache.gelu, layer.gelu);
            fixedHeads = layer.attention.fixedHeads(interventions);
        }

        /** The forward cache these values come from. */
        public Cache cache() { return cache; }
        /** x̂ of LN1 [B·T, H]. */
        public INDArray attentionNormXhat() { return attentionNormXhat; }
        /** x̂ of LN2 [B·T, H]. */
        public INDArray outputNormXhat() { return outputNormXhat; }
        /** GELU'(x) of the intermediate pre-activation [B·T, I]. */
        public INDArray geluDerivative() { return geluDerivative; }
        /** Whether head h's probabilities were fixed by an intervention (a copy). */
        public boolean[] fixedHeads() { return fixedHeads.clone(); }
    }

    /** Derives the reusable backward values of a cache (interventions as used by the forward). */
    public Derived derive(Cache cache, List<HeadIntervention> interventions) {
        if (cache == null) throw new IllegalStateException("layer backward needs the forward cache (TraceOptions.keepCaches())");
        return new Derived(this, cache, interventions);
    }

    /**
     * VJP of the whole layer: dy [K·B·T, H] (K stacked cotangents of the cached output) → dx [K·B·T, H]
     * ({@link #backward(Object, LayerRules)} with the gradient rules, {@link VjpRules}).
     *
     * @param grad   parameter accumulators, or null (input gradients only)
     * @param dProbs if non-null, {@code dProbs[0]} receives dL/dP [K·B, heads, T, T]
     */
    public INDArray backward(INDArray dy, int batch, int seqLen, Derived d, Grad grad, INDArray[] dProbs) {
        return backward(dy, vjp(d, batch, seqLen, grad, dProbs));
    }

    /** The gradient rule set of this layer over a derived cache (see {@link #backward(Object, LayerRules)}). */
    public VjpRules vjp(Derived d, int batch, int seqLen, Grad grad, INDArray[] dProbs) {
        return new VjpRules(this, d, batch, seqLen, grad, dProbs);
    }

    /**
     * The layer's one backward composition, for any rule set (gradients, DeepLIFT multipliers, row-sparse
     * Jacobian rows): h2 = LN2(o + h1), o = dense(GELU(dense(h1))), h1 = LN1(Attn(x) + x), crossed in reverse.
     */
    public <G, A> G backward(G dy, LayerRules<G, A> rules) {
        G dSum2 = rules.layerNorm(LayerRules.Norm.OUTPUT, dy);
        G dPre = rules.gelu(rules.dense(LayerRules.Dense.FFN_OUTPUT, dSum2));
        G dH1 = rules.residual(rules.dense(LayerRules.Dense.INTERMEDIATE, dPre), dSum2);
        G dSum1 = rules.layerNorm(LayerRules.Norm.ATTENTION, dH1);
        return rules.residual(attention.backward(dSum1, rules), dSum1);
    }
}
