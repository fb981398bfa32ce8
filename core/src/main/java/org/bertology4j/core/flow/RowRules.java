package org.bertology4j.core.flow;

import org.bertology4j.core.kernels.Kernels;
import org.bertology4j.core.layers.EncoderLayer;
import org.bertology4j.core.layers.Gelu;
import org.bertology4j.core.layers.LayerRules;
import org.bertology4j.core.layers.SelfAttention;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The row-sparse rule set (Jacobian rows) of one layer of one cached sequence: K cotangents of the layer output,
 * cotangent k non-zero only at token {@code tokens[k]}. LayerNorm, FFN and residual act row-wise, so those rules
 * run on the K rows instead of K·T; attention spreads each cotangent over all T tokens through K and V, while Q
 * keeps the one row. Exact: the result equals the gradient rules on the zero-padded cotangents.
 * Per-head arrays are [heads, K, ·] (one query row per cotangent).
 * <p>The spread is an outer product per (head, cotangent): dV_h[k][j] = P_h[t_k, j]·dC_h[k] and
 * dK_h[k][j] = dS_h[k, j]·q̃_h[t_k]. Through the K|V columns of the Q|K|V dense layer, row (k, j) of the input
 * cotangent is therefore Σ_c coeff[k, j, c]·(vec[c, k]·W_c) over the 2·heads head blocks c of those columns
 * ({@link Spread}): the d-wide vectors meet the weights once per cotangent (2·heads·K·d·H multiply-adds) and the
 * T rows are a [T, 2·heads]·[2·heads, H] product per cotangent, instead of a [K·T, 2H]·[2H, H] product over
 * materialised dK and dV (T·d/(d + T) times the work: 21x at T = 32, d = 64).
 */
final class RowRules implements LayerRules<RowRules.Rows, INDArray> {
    /**
     * K cotangent rows at their tokens, plus (after the attention) the part spread over all T tokens: dense
     * [K·T, H] after the Q|K|V layer, factored ({@link Spread}) between the head split and that layer.
     */
    record Rows(INDArray rows, INDArray dense, Spread spread) {
        Rows(INDArray rows, INDArray dense) { this(rows, dense, null); }
    }

    /**
     * The K|V part of the Q|K|V output cotangent in factored form: row (k, j) of head block c is
     * coeff[k, j, c]·vec[c, k]. Blocks c &lt; heads are K's heads (coefficient dS, vector q̃ at t_k), the rest V's
     * (coefficient P at t_k, vector dC).
     *
     * @param coeff [K, T, 2·heads]
     * @param vec   [2·heads, K, d]
     */
    record Spread(INDArray coeff, INDArray vec) {}

    private final EncoderLayer el;
    private final EncoderLayer.Derived d;
    private final int[] tokens;
    private final int t, hidden;
    private final INDArray qWeightT, kvHeadWeights;
    private final DataType dt;
    private INDArray pRows, dScores;

    /**
     * @param qWeightT      the Q columns of the Q|K|V weight, [H in, H out]
     * @param kvHeadWeights the K|V columns as head blocks, [2·heads, d, H in] (block c: the transposed columns of
     *                      K's head c, then V's heads)
     */
    RowRules(EncoderLayer el, EncoderLayer.Derived d, int[] tokens, int seqLen, INDArray qWeightT, INDArray kvHeadWeights) {
        this.el = el;
        this.d = d;
        this.tokens = tokens;
        this.t = seqLen;
        this.hidden = (int) qWeightT.size(0);
        this.qWeightT = qWeightT;
        this.kvHeadWeights = kvHeadWeights;
        this.dt = qWeightT.dataType();
    }

    @Override
    public Rows layerNorm(Norm norm, Rows dy) {
        EncoderLayer.Cache c = d.cache();
        return new Rows(norm == Norm.OUTPUT
                ? el.outputNorm().backward(dy.rows, c.outputNorm().rows(tokens), Nd4j.pullRows(d.outputNormXhat(), 1, tokens), null)
                : el.attentionNorm().backward(dy.rows, c.attentionNorm().rows(tokens), Nd4j.pullRows(d.attentionNormXhat(), 1, tokens), null), null);
    }

    /** The dense layers on the K rows; Q|K|V's K and V columns on the factored spread part, its Q columns on the rows. */
    @Override
    public Rows dense(Dense dense, Rows dy) {
        return switch (dense) {
            case FFN_OUTPUT -> new Rows(el.ffnOutput().backwardInput(dy.rows), null);
            case INTERMEDIATE -> new Rows(el.intermediate().backwardInput(dy.rows), null);
            case ATTENTION_OUTPUT -> new Rows(el.attention().output().backwardInput(dy.rows), null);
            case QKV -> {
                int k = tokens.length;
                long blocks = kvHeadWeights.size(0);
                INDArray u = Nd4j.create(dt, new long[]{blocks, k, hidden}, 'c');               // vec[c, k]·W_c
                Nd4j.matmul(dy.spread.vec, kvHeadWeights, u, false, false, false);
                INDArray out = Nd4j.create(dt, new long[]{k, t, hidden}, 'c');
                Nd4j.matmul(dy.spread.coeff, permuteCopy(u, 1, 0, 2), out, false, false, false);
                INDArray dxQ = Nd4j.create(dt, new long[]{k, hidden}, 'c');
                Kernels.gemm(dy.rows, qWeightT, dxQ, false, true, 1.0, 0.0);
                yield new Rows(dxQ, out.reshape('c', (long) k * t, hidden));
            }
        };
    }

    @Override
    public Rows gelu(Rows dy) { return new Rows(Gelu.backward(dy.rows, Nd4j.pullRows(d.geluDerivative(), 1, tokens)), null); }

    /** Row-wise: the rows add; around the attention the rows (Q path and skip) add into the spread part. */
    @Override
    public Rows residual(Rows branch, Rows skip) {
        INDArray rows = branch.rows.addi(skip.rows);
        if (branch.dense == null) return new Rows(rows, null);
        for (int i = 0; i < tokens.length; i++) branch.dense.getRow((long) i * t + tokens[i]).addi(rows.getRow(i));
        return new Rows(null, branch.dense);
    }

    @Override
    public INDArray mergeHeads(Rows dMerged) {
        SelfAttention att = el.attention();
        pRows = gatherRows(d.cache().attention().probs().reshape('c', att.heads(), t, t), tokens);      // [heads, K, T]
        return permuteCopy(dMerged.rows.reshape('c', tokens.length, att.heads(), att.headDim()), 1, 0, 2); // dC [heads, K, d]
    }

    /** dP = dC·Vᵀ [heads, K, T]. */
    @Override
    public INDArray probsOfContext(INDArray dC) {
        SelfAttention att = el.attention();
        INDArray v3 = d.cache().attention().v().dup('c').reshape('c', att.heads(), t, att.headDim());
        INDArray dP = Nd4j.create(dt, new long[]{att.heads(), tokens.length, t}, 'c');
        Nd4j.matmul(dC, v3, dP, false, true, false);
        return dP;
    }

    /** dV[k][j] = P[tk, j]·dC[k], an outer product per (head, cotangent): kept as its vector dC [heads, K, d]. */
    @Override
    public INDArray valuesOfContext(INDArray dC) { return dC; }

    @Override
    public INDArray softmax(INDArray dP) {
        int heads = el.attention().heads();
        INDArray dS = dP.sub(dP.mul(pRows).sum(2).reshape(heads, tokens.length, 1).repeat(2, t)).muli(pRows);
        boolean[] fixed = d.fixedHeads();
        for (int h = 0; h < heads; h++) if (fixed[h]) dS.get(NDArrayIndex.point(h)).assign(0);
        return dS;
    }

    /** dQ = dS·K/√d [heads, K, d]. */
    @Override
    public INDArray queryOfScores(INDArray dS) {
        int heads = el.attention().heads(), hd = el.attention().headDim();
        INDArray k3 = d.cache().attention().k().dup('c').reshape('c', heads, t, hd);
        INDArray dQ = Nd4j.create(dt, new long[]{heads, tokens.length, hd}, 'c');
        Nd4j.matmul(dS, k3, dQ, false, false, false);
        return dQ.muli(1.0 / Math.sqrt(hd));
    }

    /**
     * dK[k][j] = dS[k, j]·q̃[tk], an outer product per (head, cotangent): kept as its vector q̃ at t_k [heads, K, d]
     * (its coefficients dS are remembered for {@link #splitHeads}).
     */
    @Override
    public INDArray keyOfScores(INDArray dS) {
        int heads = el.attention().heads(), hd = el.attention().headDim();
        dScores = dS;
        return gatherRows(d.cache().attention().q().dup('c').reshape('c', heads, t, hd), tokens);       // scaled q
    }

    /** Q rows [K, H] and the K|V part factored: coefficients (dS, then P at t_k) and vectors (q̃ at t_k, then dC). */
    @Override
    public Rows splitHeads(INDArray dQ, INDArray qRows, INDArray dC) {
        int k = tokens.length;
        INDArray coeff = permuteCopy(Nd4j.concat(0, dScores, pRows), 1, 2, 0);                          // [K, T, 2·heads]
        INDArray vec = Nd4j.concat(0, qRows, dC);                                                        // [2·heads, K, d]
        return new Rows(permuteCopy(dQ, 1, 0, 2).reshape('c', k, hidden), null, new Spread(coeff, vec));
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
