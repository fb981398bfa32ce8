package org.bertology4j.core.deeplift;

import org.bertology4j.core.layers.EncoderLayer;
import org.bertology4j.core.layers.LayerRules;
import org.bertology4j.core.layers.SelfAttention;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * DeepLIFT's rule set for one encoder layer and one pair (input, reference item r) of a stacked forward pass:
 * K multiplier blocks [K·T, ·] cross each op so that Σ m·Δx = Δy holds exactly. Dense layers, residuals and the
 * head split/merge are linear (their multiplier is the VJP); LayerNorm and softmax have their exact rules
 * ({@link LayerNormRule}, {@link SoftmaxRule}, swappable for the negative controls), GELU the Rescale rule, the
 * products QKᵀ and P·V the midpoint rule ({@link MidpointProduct}). Per-head arrays are [K, heads, T, ·].
 */
final class DeepLiftRules implements LayerRules<INDArray, INDArray> {
    /** What the rules of every layer share in one propagation: the stacked pass, the pair, K, the swappable rules. */
    record Pass(StackedForward f, int r, int k, SoftmaxRule softmax, LayerNormRule layerNorm) {}

    private final EncoderLayer layer;
    private final EncoderLayer.Cache c;
    private final INDArray scores;
    private final StackedForward f;
    private final int r, k;
    private final Pass pass;
    private INDArray probs, probs0;

    DeepLiftRules(EncoderLayer layer, int l, Pass pass) {
        this.layer = layer;
        this.pass = pass;
        this.f = pass.f();
        this.r = pass.r();
        this.k = pass.k();
        this.c = f.cache(l);
        this.scores = f.scores(l);
    }

    @Override
    public INDArray layerNorm(Norm norm, INDArray g) {
        return norm == Norm.OUTPUT
                ? pass.layerNorm().backward(g, pair(c.outputNorm().input(), 0), pair(c.outputNorm().input(), r),
                        layer.outputNorm().gamma(), layer.outputNorm().eps())
                : pass.layerNorm().backward(g, pair(c.attentionNorm().input(), 0), pair(c.attentionNorm().input(), r),
                        layer.attentionNorm().gamma(), layer.attentionNorm().eps());
    }

    @Override
    public INDArray dense(Dense dense, INDArray g) {
        return LinearRule.backward(g, switch (dense) {
            case QKV -> layer.attention().qkv();
            case ATTENTION_OUTPUT -> layer.attention().output();
            case INTERMEDIATE -> layer.intermediate();
            case FFN_OUTPUT -> layer.ffnOutput();
        });
    }

    /** Rescale: m = ΔGELU/Δpre (the midpoint derivative for tiny Δ). */
    @Override
    public INDArray gelu(INDArray g) {
        INDArray pre = pair(c.gelu().input(), 0), pre0 = pair(c.gelu().input(), r);
        INDArray act = pair(c.ffnOutput().input(), 0), act0 = pair(c.ffnOutput().input(), r);
        return Rescale.scale(g, pre, pre0, act, act0, Rescale.geluDerivative(layer.gelu()));
    }

    @Override
    public INDArray residual(INDArray branch, INDArray skip) { return branch.addi(skip); }

    @Override
    public INDArray mergeHeads(INDArray gMerged) {
        SelfAttention att = layer.attention();
        return gMerged.reshape('c', k, f.seqLen(), att.heads(), att.headDim()).permute(0, 2, 1, 3).dup('c'); // [K, nh, T, d]
    }

    /** C = P·V, midpoint rule: g_P = g_C·V̄ᵀ. */
    @Override
    public INDArray probsOfContext(INDArray gCtx) {
        probs = StackedForward.item(c.attention().probs(), 0);
        probs0 = StackedForward.item(c.attention().probs(), r);
        return MidpointProduct.gradLeft(gCtx, tileHeads(MidpointProduct.mean(StackedForward.item(c.attention().v(), 0), StackedForward.item(c.attention().v(), r)), k));
    }

    /** C = P·V, midpoint rule: g_V = P̄ᵀ·g_C. */
    @Override
    public INDArray valuesOfContext(INDArray gCtx) {
        return MidpointProduct.gradRight(tileHeads(MidpointProduct.mean(probs, probs0), k), gCtx);
    }

    /** P = softmax(S): the logarithmic-mean rule, rows of all heads at once. */
    @Override
    public INDArray softmax(INDArray gP) {
        int t = f.seqLen(), nh = layer.attention().heads();
        return pass.softmax().backward(gP.reshape('c', (long) k * nh * t, t),
                StackedForward.item(scores, 0).reshape('c', (long) nh * t, t), StackedForward.item(scores, r).reshape('c', (long) nh * t, t),
                probs.reshape('c', (long) nh * t, t), probs0.reshape('c', (long) nh * t, t)).reshape('c', k, nh, t, t);
    }

    /** S = Q̃·Kᵀ, midpoint rule, then the constant scaling: g_Q = g_S·K̄/√d. */
    @Override
    public INDArray queryOfScores(INDArray gS) {
        INDArray kBar = tileHeads(MidpointProduct.mean(StackedForward.item(c.attention().k(), 0), StackedForward.item(c.attention().k(), r)), k);
        return MidpointProduct.matmul(gS, kBar, false, false).muli(1.0 / Math.sqrt(layer.attention().headDim()));
    }

    /** S = Q̃·Kᵀ, midpoint rule: g_K = g_Sᵀ·Q̄̃. */
    @Override
    public INDArray keyOfScores(INDArray gS) {
        INDArray qBar = tileHeads(MidpointProduct.mean(StackedForward.item(c.attention().q(), 0), StackedForward.item(c.attention().q(), r)), k);
        return MidpointProduct.gradRightTransposed(gS, qBar);
    }

    /** Head merge/split: back to the fused Q|K|V projection rows [K·T, 3H]. */
    @Override
    public INDArray splitHeads(INDArray gQ, INDArray gK, INDArray gV) {
        SelfAttention att = layer.attention();
        int t = f.seqLen(), nh = att.heads(), d = att.headDim();
        INDArray split = Nd4j.create(gQ.dataType(), new long[]{3, k, nh, t, d}, 'c');
        split.get(NDArrayIndex.point(0)).assign(gQ);
        split.get(NDArrayIndex.point(1)).assign(gK);
        split.get(NDArrayIndex.point(2)).assign(gV);
        return split.permute(1, 3, 0, 2, 4).dup('c').reshape('c', (long) k * t, 3L * nh * d);
    }

    /** One item's rows of a stacked cache (a view: the rules computed in Java read it in place). */
    private INDArray pair(INDArray stacked, int item) { return f.rows(stacked, item); }

    /** [heads, T, X] → [K, heads, T, X]. */
    private static INDArray tileHeads(INDArray a, int k) {
        INDArray a4 = a.reshape('c', 1, a.size(0), a.size(1), a.size(2));
        return k == 1 ? a4 : Nd4j.tile(a4, k, 1, 1, 1);
    }
}
