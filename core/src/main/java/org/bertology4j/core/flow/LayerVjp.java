package org.bertology4j.core.flow;

import org.bertology4j.core.layers.EncoderLayer;
import org.bertology4j.core.layers.Gelu;
import org.bertology4j.core.layers.LayerNorm;
import org.bertology4j.core.layers.SelfAttention;
import org.bertology4j.core.model.BertModel;
import org.bertology4j.core.model.ForwardTrace;
import org.bertology4j.core.model.LayerScratch;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.Arrays;

/**
 * Batched vector-Jacobian products through the layers of one cached sequence (batch size 1).
 * <ul>
 * <li>{@link #dense}: K arbitrary cotangents [K·T, H] of h_n back to h_{n-1}, one stacked pass.</li>
 * <li>{@link #rowCotangents}: K cotangents that are non-zero at one token each (token tk[k], vector c[k]),
 * the shape of every Jacobian-norm query. LayerNorm, FFN and residual act row-wise, so those parts run on
 * K rows instead of K·T; only attention spreads the gradient (through K and V) to all T tokens. Exact,
 * just cheaper: the result equals {@link #dense} on the zero-padded cotangents.</li>
 * </ul>
 */
public final class LayerVjp {
    private final BertModel model;
    private final ForwardTrace trace;
    private final EncoderLayer.Derived[] derived;
    private final int seqLen, hidden;

    /** @param trace a forward pass of one sequence that kept its caches */
    public LayerVjp(BertModel model, ForwardTrace trace) {
        if (trace.batchSize() != 1) {
            throw new IllegalArgumentException("Jacobian VJPs take one sequence per forward pass, got batch size " + trace.batchSize());
        }
        this.model = model;
        this.trace = trace;
        this.seqLen = trace.seqLen();
        this.hidden = model.config().hiddenSize();
        derived = new EncoderLayer.Derived[trace.numLayers()];
    }

    public int numLayers() { return derived.length; }
    public int seqLen() { return seqLen; }
    public int hidden() { return hidden; }

    private EncoderLayer.Derived derived(int layer) {
        if (layer < 0 || layer >= derived.length) {
            throw new IndexOutOfBoundsException("layer " + layer + " not in [0, " + derived.length + ")");
        }
        if (derived[layer] == null) {
            derived[layer] = model.weights().layer(layer).derive(trace.cache(layer), trace.options().interventions(layer));
        }
        return derived[layer];
    }

    /** K stacked cotangents of layer {@code layer}'s output [K·T, H] → gradients at its input [K·T, H]. */
    public INDArray dense(int layer, INDArray cot) {
        if (cot.rank() != 2 || cot.size(1) != hidden || cot.size(0) % seqLen != 0) {
            throw new IllegalArgumentException("stacked cotangent must be [K*" + seqLen + ", " + hidden + "], got " + Arrays.toString(cot.shape()));
        }
        EncoderLayer.Derived d = derived(layer); // computed (and cached) outside the scratch scope
        INDArray c = cot.castTo(model.dataType());
        try (MemoryWorkspace scratch = LayerScratch.open()) {
            // temporaries in reused scratch memory, the result copied out (see LayerScratch)
            return model.weights().layer(layer).backward(c, 1, seqLen, d, null, null).detach();
        }
    }

    /**
     * K cotangents of layer {@code layer}'s output, cotangent k being {@code rows[k]} at token {@code tokens[k]}
     * and zero elsewhere → gradients at the layer input, [K·T, H] (copy k in rows k·T .. k·T+T-1).
     */
    public INDArray rowCotangents(int layer, int[] tokens, INDArray rows) {
        if (rows.rank() != 2 || rows.size(0) != tokens.length || rows.size(1) != hidden) {
            throw new IllegalArgumentException("row cotangents must be [" + tokens.length + ", " + hidden + "], got " + Arrays.toString(rows.shape()));
        }
        for (int t : tokens) if (t < 0 || t >= seqLen) throw new IndexOutOfBoundsException("token " + t + " not in [0, " + seqLen + ")");
        EncoderLayer el = model.weights().layer(layer);
        EncoderLayer.Derived d = derived(layer);
        EncoderLayer.Cache c = d.cache;
        var dt = model.dataType();
        int k = tokens.length;
        INDArray dy = rows.castTo(dt).dup('c');
        // Row-wise part: LN2, FFN, residual, LN1 on the K target rows (caches gathered at the target tokens).
        INDArray dSum2 = el.outputNorm().backward(dy, gather(c.outputNorm, tokens), Nd4j.pullRows(d.outputNormXhat, 1, tokens), null);
        INDArray dF = el.ffnOutput().backwardInput(dSum2);
        INDArray dPre = Gelu.backward(dF, Nd4j.pullRows(d.geluDerivative, 1, tokens));
        INDArray dH1 = el.intermediate().backwardInput(dPre).addi(dSum2);
        INDArray dSum1 = el.attentionNorm().backward(dH1, gather(c.attentionNorm, tokens), Nd4j.pullRows(d.attentionNormXhat, 1, tokens), null);

        // Attention with one non-zero query row per cotangent.
        SelfAttention att = el.attention();
        int heads = att.heads(), hd = att.headDim(), t = seqLen;
        INDArray dC = permuteCopy(att.output().backwardInput(dSum1).reshape('c', k, heads, hd), 1, 0, 2); // [heads, K, d]
        INDArray p3 = c.attention.probs.reshape('c', heads, t, t);
        INDArray pRows = gatherRows(p3, tokens);                                           // [heads, K, T]
        INDArray qRows = gatherRows(c.attention.q.dup('c').reshape('c', heads, t, hd), tokens);  // [heads, K, d], scaled q
        INDArray k3 = c.attention.k.dup('c').reshape('c', heads, t, hd);
        INDArray v3 = c.attention.v.dup('c').reshape('c', heads, t, hd);
        INDArray dP = Nd4j.create(dt, new long[]{heads, k, t}, 'c');
        Nd4j.matmul(dC, v3, dP, false, true, false);
        INDArray dS = dP.sub(dP.mul(pRows).sum(2).reshape(heads, k, 1).repeat(2, t)).muli(pRows);
        for (int h = 0; h < heads; h++) if (d.fixedHeads[h]) dS.get(NDArrayIndex.point(h)).assign(0);
        INDArray dQ = Nd4j.create(dt, new long[]{heads, k, hd}, 'c');
        Nd4j.matmul(dS, k3, dQ, false, false, false);
        dQ.muli(1.0 / Math.sqrt(hd));
        // dK[k][j] = dS[k, j]·q[tk], dV[k][j] = P[tk, j]·dC[k]: outer products, one per (head, cotangent).
        INDArray dK = Nd4j.create(dt, new long[]{(long) heads * k, t, hd}, 'c');
        Nd4j.matmul(dS.reshape('c', (long) heads * k, t, 1), qRows.reshape('c', (long) heads * k, 1, hd), dK, false, false, false);
        INDArray dV = Nd4j.create(dt, new long[]{(long) heads * k, t, hd}, 'c');
        Nd4j.matmul(pRows.reshape('c', (long) heads * k, t, 1), dC.reshape('c', (long) heads * k, 1, hd), dV, false, false, false);
        INDArray dKV = Nd4j.create(dt, new long[]{k, t, 2, heads, hd}, 'c');
        dKV.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(0)).assign(dK.reshape('c', heads, k, t, hd).permute(1, 2, 0, 3));
        dKV.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(1)).assign(dV.reshape('c', heads, k, t, hd).permute(1, 2, 0, 3));
        INDArray wT = att.qkv().weightT();                                                 // [H, 3H]
        INDArray out = Nd4j.create(dt, new long[]{(long) k * t, hidden}, 'c');
        Nd4j.gemm(dKV.reshape('c', (long) k * t, 2L * hidden), kvWeightT(layer, wT), out, false, true, 1.0, 0.0);
        INDArray dxQ = Nd4j.create(dt, new long[]{k, hidden}, 'c');
        Nd4j.gemm(permuteCopy(dQ, 1, 0, 2).reshape('c', k, hidden), qWeightT(layer, wT), dxQ, false, true, 1.0, 0.0);
        dxQ.addi(dSum1);                                                                   // residual around attention
        for (int i = 0; i < k; i++) out.getRow((long) i * t + tokens[i]).addi(dxQ.getRow(i));
        return out;
    }

    private INDArray[] kvW, qW;

    private INDArray kvWeightT(int layer, INDArray wT) {
        if (kvW == null) kvW = new INDArray[derived.length];
        if (kvW[layer] == null) kvW[layer] = wT.get(NDArrayIndex.all(), NDArrayIndex.interval(hidden, 3L * hidden)).dup('c');
        return kvW[layer];
    }

    private INDArray qWeightT(int layer, INDArray wT) {
        if (qW == null) qW = new INDArray[derived.length];
        if (qW[layer] == null) qW[layer] = wT.get(NDArrayIndex.all(), NDArrayIndex.interval(0, hidden)).dup('c');
        return qW[layer];
    }

    private static LayerNorm.Cache gather(LayerNorm.Cache c, int[] tokens) {
        LayerNorm.Cache g = new LayerNorm.Cache();
        g.rstd = Nd4j.pullRows(c.rstd, 1, tokens);
        return g;
    }

    /** a [heads, T, X] → rows at tokens [heads, K, X]. */
    private static INDArray gatherRows(INDArray a, int[] tokens) {
        long heads = a.size(0), t = a.size(1), x = a.size(2);
        INDArray byToken = permuteCopy(a, 1, 0, 2).reshape('c', t, heads * x);
        return permuteCopy(Nd4j.pullRows(byToken, 1, tokens).reshape('c', tokens.length, heads, x), 1, 0, 2);
    }

    private static INDArray permuteCopy(INDArray a, int... dims) {
        INDArray p = a.permute(dims);
        INDArray out = Nd4j.create(a.dataType(), p.shape(), 'c');
        return out.assign(p);
    }
}
