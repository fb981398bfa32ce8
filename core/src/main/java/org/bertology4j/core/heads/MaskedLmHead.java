package org.bertology4j.core.heads;

import org.bertology4j.core.layers.Gelu;
import org.bertology4j.core.layers.LayerNorm;
import org.bertology4j.core.layers.Linear;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Masked-LM head ({@code cls.predictions}): dense, GELU, LayerNorm, then the decoder
 * (tied to the word embeddings [V, H], used transposed inside gemm, no copy) plus a vocabulary bias [V].
 * The arrays are shared with the weights: do not modify.
 */
public record MaskedLmHead(Linear transform, LayerNorm norm, INDArray decoder, INDArray bias, Gelu.Form gelu) {
    /** Vocabulary logits [N, V] for hidden rows [N, H]. */
    public INDArray forward(INDArray hidden) {
        INDArray t = norm.forward(Gelu.forward(transform.forward(hidden, null), gelu, null), null);
        INDArray logits = Nd4j.createUninitialized(hidden.dataType(), new long[]{t.size(0), decoder.size(0)}, 'c');   // beta 0
        org.bertology4j.core.kernels.Kernels.gemm(t, decoder, logits, false, true, 1.0, 0.0);
        return logits.addiRowVector(bias);
    }

    /** One vocabulary entry of a fill-mask answer: token id, softmax probability and logit. */
    public record Prediction(int tokenId, double probability, double logit) {}

    /**
     * Fill-mask: the {@code k} most probable tokens for one hidden row [H] (or [1, H]), best first, with their
     * probabilities (softmax over the whole vocabulary, in double). Ties keep the lower token id first.
     */
    public java.util.List<Prediction> topK(INDArray hiddenRow, int k) {
        if (k < 1) throw new IllegalArgumentException("k must be at least 1, got " + k);
        return topKOfLogits(forward(hiddenRow.reshape(1, -1).dup('c')).reshape(-1), k);
    }

    /** The {@code k} most probable entries of one row of vocabulary logits [V], best first. */
    public static java.util.List<Prediction> topKOfLogits(INDArray logits, int k) {
        if (k < 1) throw new IllegalArgumentException("k must be at least 1, got " + k);
        double[] z = logits.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).toDoubleVector();
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) max = Math.max(max, v);
        double sum = 0;
        for (double v : z) sum += Math.exp(v - max);
        Integer[] order = new Integer[z.length];
        for (int i = 0; i < z.length; i++) order[i] = i;
        java.util.Arrays.sort(order, (a, b) -> z[a] != z[b] ? Double.compare(z[b], z[a]) : Integer.compare(a, b));
        java.util.List<Prediction> out = new java.util.ArrayList<>();
        for (int i = 0; i < Math.min(k, z.length); i++) {
            int id = order[i];
            out.add(new Prediction(id, Math.exp(z[id] - max) / sum, z[id]));
        }
        return out;
    }
}
