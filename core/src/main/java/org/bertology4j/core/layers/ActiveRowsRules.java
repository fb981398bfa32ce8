package org.bertology4j.core.layers;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The gradient rules of one layer whose output cotangent is non-zero on a few rows only: a loss at some positions
 * (masked tokens, [CLS]) puts the top layer's cotangent there. The output LayerNorm, the FFN, the residual around it
 * and the attention LayerNorm act row by row, so they run on those rows, input and parameter gradients alike (a zero
 * row adds nothing to xᵀ·dy, Σ dy or Σ dy·x̂). The attention block spreads the cotangent over every token, so from its
 * output dense layer on, the plain rules ({@link VjpRules}) run on all rows. Exact: the same sums without their zero
 * terms (tests compare with the plain rules). Arrays with the active rows only ("compact", [m, ·]) are told from
 * all-row ones ([N, ·]) by their row count.
 */
final class ActiveRowsRules implements LayerRules<INDArray, INDArray> {
    private final VjpRules all;
    private final EncoderLayer layer;
    private final EncoderLayer.Derived d;
    private final EncoderLayer.Grad grad;
    private final int[] rows;
    private final long allRows;

    ActiveRowsRules(VjpRules all, EncoderLayer layer, EncoderLayer.Derived d, EncoderLayer.Grad grad, int[] rows, long allRows) {
        this.all = all;
        this.layer = layer;
        this.d = d;
        this.grad = grad;
        this.rows = rows;
        this.allRows = allRows;
    }

    /**
     * The rows of a cotangent [N, H] that are not all zero, in order, when they are at most a quarter of N (fewer
     * rows than that save too little to pay for the gathers); else null.
     */
    static int[] activeRows(INDArray dy) {
        double[] norms = dy.norm1(1).toDoubleVector();
        int count = 0;
        for (double v : norms) if (v != 0) count++;
        if (count == 0 || count > norms.length / 4) return null;
        int[] r = new int[count];
        for (int i = 0, k = 0; i < norms.length; i++) if (norms[i] != 0) r[k++] = i;
        return r;
    }

    private boolean compact(INDArray a) { return a.size(0) == rows.length && rows.length != allRows; }

    private INDArray gather(INDArray a) { return Nd4j.pullRows(a, 1, rows); }

    /** A compact array back to all rows, zero elsewhere. */
    private INDArray expand(INDArray c) {
        INDArray out = Nd4j.zeros(c.dataType(), allRows, c.size(1));
        for (int i = 0; i < rows.length; i++) out.getRow(rows[i]).assign(c.getRow(i));
        return out;
    }

    @Override
    public INDArray layerNorm(Norm norm, INDArray dy) {
        INDArray dyRows = compact(dy) ? dy : gather(dy);          // the layer's output cotangent arrives with all rows
        EncoderLayer.Cache c = d.cache;
        return norm == Norm.OUTPUT
                ? layer.outputNorm().backward(dyRows, c.outputNorm().rows(rows), gather(d.outputNormXhat), grad == null ? null : grad.outputNorm)
                : layer.attentionNorm().backward(dyRows, c.attentionNorm().rows(rows), gather(d.attentionNormXhat),
                        grad == null ? null : grad.attentionNorm);
    }

    @Override
    public INDArray dense(Dense dense, INDArray dy) {
        return switch (dense) {
            case FFN_OUTPUT -> onRows(layer.ffnOutput(), d.cache.ffnOutput(), dy, grad == null ? null : grad.ffnOutput);
            case INTERMEDIATE -> onRows(layer.intermediate(), d.cache.intermediate(), dy, grad == null ? null : grad.intermediate);
            case ATTENTION_OUTPUT -> all.dense(dense, expand(dy));
            case QKV -> all.dense(dense, dy);
        };
    }

    private INDArray onRows(Linear linear, Linear.Cache cache, INDArray dy, Linear.Grad g) {
        Linear.Cache rowsCache = new Linear.Cache();
        rowsCache.input = gather(cache.input);
        return linear.backward(dy, rowsCache, g);
    }

    @Override
    public INDArray gelu(INDArray dy) { return Gelu.backward(dy, gather(d.geluDerivative)); }

    /** Compact + compact around the FFN; all rows (attention) + compact (skip) around the attention block. */
    @Override
    public INDArray residual(INDArray branch, INDArray skip) {
        if (compact(branch) == compact(skip)) return branch.addi(skip);
        for (int i = 0; i < rows.length; i++) branch.getRow(rows[i]).addi(skip.getRow(i));
        return branch;
    }

    @Override
    public INDArray mergeHeads(INDArray dMerged) { return all.mergeHeads(dMerged); }

    @Override
    public INDArray probsOfContext(INDArray dContext) { return all.probsOfContext(dContext); }

    @Override
    public INDArray valuesOfContext(INDArray dContext) { return all.valuesOfContext(dContext); }

    @Override
    public INDArray softmax(INDArray dProbs) { return all.softmax(dProbs); }

    @Override
    public INDArray queryOfScores(INDArray dScores) { return all.queryOfScores(dScores); }

    @Override
    public INDArray keyOfScores(INDArray dScores) { return all.keyOfScores(dScores); }

    @Override
    public INDArray splitHeads(INDArray dQuery, INDArray dKey, INDArray dValue) { return all.splitHeads(dQuery, dKey, dValue); }
}
