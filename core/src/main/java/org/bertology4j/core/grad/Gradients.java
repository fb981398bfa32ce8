package org.bertology4j.core.grad;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;

/**
 * Result of one backward pass ({@link Backprop}), immutable like {@code JacobianNorms.Maps} and
 * {@code deeplift.Attribution}: the lists cannot be changed and the arrays belong to the result (do not modify them).
 * Asking for what was not requested throws, saying which {@link GradientRequest} flag to set.
 *
 * @param loss          the loss value (NaN when the backward started from a given cotangent instead of a loss)
 * @param hiddenStates  dL/dh_n [B, T, H] for n = 0 (embedding output after LayerNorm) .. L
 * @param attentionMaps dL/dA of each layer's attention probabilities [B, heads, T, T]; empty unless requested
 * @param embeddingSum  dL/d(word + position + segment embedding sum), before the embedding LayerNorm [B, T, H]
 * @param parameters    parameter gradients; null unless requested
 */
public record Gradients(double loss, List<INDArray> hiddenStates, List<INDArray> attentionMaps, INDArray embeddingSum,
                        ParameterGradients parameters) {
    public Gradients {
        hiddenStates = List.copyOf(hiddenStates);
        attentionMaps = List.copyOf(attentionMaps);
    }

    /** Number of layers L. */
    public int numLayers() { return hiddenStates.size() - 1; }

    /** dL/dh_n [B, T, H], n = 0 (embedding output after LayerNorm) .. L. */
    public INDArray hidden(int n) {
        if (n < 0 || n >= hiddenStates.size()) throw new IndexOutOfBoundsException("hidden state " + n + " not in [0, " + numLayers() + "]");
        return hiddenStates.get(n);
    }

    /**
     * dL/d(word-embedding vector of each input token) [B, T, H]. The sum is linear with unit weight in
     * each term, so this equals {@link #embeddingSum()}.
     */
    public INDArray inputWordEmbeddings() { return embeddingSum; }

    /** dL/dA of layer {@code layer}'s attention probabilities [B, heads, T, T]; |·| is Clark et al.'s measure. */
    public INDArray attention(int layer) {
        if (layer < 0 || layer >= numLayers()) throw new IndexOutOfBoundsException("layer " + layer + " not in [0, " + numLayers() + ")");
        if (attentionMaps.isEmpty()) throw new IllegalStateException("attention gradients were not requested; use GradientRequest(…, attention=true)");
        return attentionMaps.get(layer);
    }

    /** Parameter gradients. */
    @Override
    public ParameterGradients parameters() {
        if (parameters == null) throw new IllegalStateException("parameter gradients were not requested; use GradientRequest(parameters=true, …)");
        return parameters;
    }
}
