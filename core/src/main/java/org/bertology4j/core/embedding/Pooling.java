package org.bertology4j.core.embedding;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * How a sequence's last hidden state becomes one vector (sentence-transformers' {@code Pooling} module): the mean over
 * the real (mask 1) tokens, [CLS] and [SEP] included, or the [CLS] vector. Both are linear in the hidden state, so
 * their cotangent ({@link #cotangent}) is the same weights.
 */
public enum Pooling {
    /** Mean over the tokens whose attention mask is 1 ({@code pooling_mode_mean_tokens}). */
    MEAN,
    /** The first token's vector ({@code pooling_mode_cls_token}). */
    CLS;

    /** The name sentence-transformers' {@code 1_Pooling/config.json} gives this mode. */
    public String configKey() { return this == MEAN ? "pooling_mode_mean_tokens" : "pooling_mode_cls_token"; }

    /**
     * The weight of each token in the pooled vector: 1/n on the n real tokens (mean) or 1 on position 0 (CLS).
     *
     * @param mask one sequence's attention mask (1 = real token)
     */
    public double[] weights(int[] mask) {
        double[] w = new double[mask.length];
        if (this == CLS) {
            w[0] = 1;
            return w;
        }
        int n = 0;
        for (int m : mask) n += m;
        if (n == 0) throw new IllegalArgumentException("mean pooling of a sequence without real tokens (attention mask all 0)");
        for (int t = 0; t < mask.length; t++) if (mask[t] == 1) w[t] = 1.0 / n;
        return w;
    }

    /**
     * The pooled vector of item {@code item} of a last hidden state [B, T, H], in double precision, summed in token
     * order (Σ_t w_t·h_t).
     */
    public double[] pool(INDArray lastHidden, int item, int[] mask) {
        double[] w = weights(mask);
        int h = (int) lastHidden.size(2);
        double[] out = new double[h];
        for (int t = 0; t < w.length; t++) {
            if (w[t] == 0) continue;
            double[] row = lastHidden.get(org.nd4j.linalg.indexing.NDArrayIndex.point(item),
                    org.nd4j.linalg.indexing.NDArrayIndex.point(t), org.nd4j.linalg.indexing.NDArrayIndex.all()).toDoubleVector();
            for (int j = 0; j < h; j++) out[j] += w[t] * row[j];
        }
        return out;
    }

    /** The cotangent of one sequence's last hidden state [T, H] for a cotangent {@code dPooled} [H] of the pooled vector. */
    public INDArray cotangent(double[] dPooled, int[] mask, org.nd4j.linalg.api.buffer.DataType type) {
        double[] w = weights(mask);
        double[] out = new double[w.length * dPooled.length];
        for (int t = 0; t < w.length; t++) {
            if (w[t] == 0) continue;
            for (int j = 0; j < dPooled.length; j++) out[t * dPooled.length + j] = w[t] * dPooled[j];
        }
        return Nd4j.create(out, new long[]{w.length, dPooled.length}, 'c').castTo(type);
    }
}
