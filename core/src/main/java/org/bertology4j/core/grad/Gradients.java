package org.bertology4j.core.grad;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Result of one backward pass. Hidden-state and embedding gradients are [B, T, H], attention-map gradients
 * [B, heads, T, T] (dL/dA of the probabilities each layer used). Asking for what was not requested throws.
 */
public final class Gradients {
    private final double loss;
    private final INDArray[] hidden;      // [L+1] of [B*T, H]
    private final INDArray[] attention;   // [L] or null entries
    private final INDArray embeddingSum;  // [B*T, H]
    private final ParameterGradients parameters;
    private final int batch, seqLen;

    Gradients(double loss, INDArray[] hidden, INDArray[] attention, INDArray embeddingSum,
              ParameterGradients parameters, int batch, int seqLen) {
        this.loss = loss;
        this.hidden = hidden;
        this.attention = attention;
        this.embeddingSum = embeddingSum;
        this.parameters = parameters;
        this.batch = batch;
        this.seqLen = seqLen;
    }

    /** The loss value (NaN when the backward started from a given cotangent instead of a loss). */
    public double loss() { return loss; }

    public int numLayers() { return attention.length; }

    /** dL/dh_n [B, T, H], n = 0 (embedding output after LayerNorm) .. L. */
    public INDArray hidden(int n) {
        if (n < 0 || n >= hidden.length) throw new IndexOutOfBoundsException("hidden state " + n + " not in [0, " + (hidden.length - 1) + "]");
        return to3d(hidden[n]);
    }

    /** dL/d(word + position + segment embedding sum), before the embedding LayerNorm [B, T, H]. */
    public INDArray embeddingSum() { return to3d(embeddingSum); }

    /**
     * dL/d(word-embedding vector of each input token) [B, T, H]. The sum is linear with unit weight in
     * each term, so this equals {@link #embeddingSum()}.
     */
    public INDArray inputWordEmbeddings() { return embeddingSum(); }

    /** dL/dA of layer {@code layer}'s attention probabilities [B, heads, T, T]; |·| is Clark et al.'s measure. */
    public INDArray attention(int layer) {
        if (layer < 0 || layer >= attention.length) throw new IndexOutOfBoundsException("layer " + layer + " not in [0, " + attention.length + ")");
        if (attention[layer] == null) throw new IllegalStateException("attention gradients were not requested; use GradientRequest(…, attention=true)");
        return attention[layer];
    }

    /** Parameter gradients. */
    public ParameterGradients parameters() {
        if (parameters == null) throw new IllegalStateException("parameter gradients were not requested; use GradientRequest(parameters=true, …)");
        return parameters;
    }

    private INDArray to3d(INDArray rows) { return rows.reshape('c', batch, seqLen, rows.size(1)); }
}
