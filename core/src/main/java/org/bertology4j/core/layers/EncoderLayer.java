package org.bertology4j.core.layers;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;

/**
 * One transformer layer (post-LN, as BERT):
 * a = Attn(x); h1 = LN1(a + x); f = GELU(x·W1 + b1); o = f·W2 + b2; h2 = LN2(o + h1).
 */
public final class EncoderLayer {
    private final SelfAttention attention;
    private final LayerNorm attentionNorm;
    private final Linear intermediate;
    private final Linear ffnOutput;
    private final LayerNorm outputNorm;
    private final Gelu.Form gelu;

    /** Everything the backward pass needs for this layer. */
    public static final class Cache {
        public final SelfAttention.Cache attention = new SelfAttention.Cache();
        public final LayerNorm.Cache attentionNorm = new LayerNorm.Cache();
        public final Linear.Cache intermediate = new Linear.Cache();
        public final Gelu.Cache gelu = new Gelu.Cache();
        public final Linear.Cache ffnOutput = new Linear.Cache();
        public final LayerNorm.Cache outputNorm = new LayerNorm.Cache();
    }

    /** Optional per-call outputs for a trace. */
    public static final class Record {
        public final SelfAttention.Record attention = new SelfAttention.Record();
        /** GELU output [B*T, intermediate], filled when asked. */
        public INDArray ffnActivations;
    }

    public EncoderLayer(SelfAttention attention, LayerNorm attentionNorm, Linear intermediate, Linear ffnOutput,
                        LayerNorm outputNorm, Gelu.Form gelu) {
        this.gelu = gelu;
        this.attention = attention;
        this.attentionNorm = attentionNorm;
        this.intermediate = intermediate;
        this.ffnOutput = ffnOutput;
        this.outputNorm = outputNorm;
    }

    public SelfAttention attention() { return attention; }
    public LayerNorm attentionNorm() { return attentionNorm; }
    public Linear intermediate() { return intermediate; }
    public Linear ffnOutput() { return ffnOutput; }
    public LayerNorm outputNorm() { return outputNorm; }
    public Gelu.Form gelu() { return gelu; }

    /**
     * @param x input hidden state [B*T, H]
     * @return output hidden state [B*T, H]
     */
    public INDArray forward(INDArray x, int batch, int seqLen, INDArray additiveMask, INDArray realMask,
                            List<HeadIntervention> interventions, boolean keepScores, boolean keepFfn,
                            Record record, Cache cache) {
        INDArray a = attention.forward(x, batch, seqLen, additiveMask, realMask, interventions, keepScores,
                record == null ? null : record.attention, cache == null ? null : cache.attention);
        INDArray h1 = attentionNorm.forward(a.addi(x), cache == null ? null : cache.attentionNorm);
        INDArray pre = intermediate.forward(h1, cache == null ? null : cache.intermediate);
        INDArray f = Gelu.forward(pre, gelu, cache == null ? null : cache.gelu);
        if (keepFfn && record != null) record.ffnActivations = f;
        INDArray o = ffnOutput.forward(f, cache == null ? null : cache.ffnOutput);
        return outputNorm.forward(o.addi(h1), cache == null ? null : cache.outputNorm);
    }
}
