package org.bertology4j.core.model;

import org.bertology4j.core.layers.Embeddings;
import org.bertology4j.core.layers.EncoderLayer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * What one forward pass kept. Hidden states are [B, T, H], attention and scores [B, heads, T, T],
 * FFN activations [B, T, intermediate]. Asking for something that was not kept throws
 * {@link IllegalStateException} saying which {@link TraceOptions} flag to set.
 * Arrays are owned by the trace; do not modify them.
 */
public final class ForwardTrace {
    private final BertInput input;
    private final TraceOptions options;
    private final int numLayers;
    final INDArray[] hidden;        // [L+1] of [B*T, H], or null entries when not kept
    final INDArray[] attention;     // [L]
    final INDArray[] scores;        // [L]
    final INDArray[] ffn;           // [L] of [B*T, I]
    final EncoderLayer.Cache[] caches;
    Embeddings.Cache embeddingsCache;
    INDArray lastHidden;            // [B*T, H]

    ForwardTrace(BertInput input, TraceOptions options, int numLayers) {
        this.input = input;
        this.options = options;
        this.numLayers = numLayers;
        hidden = new INDArray[numLayers + 1];
        attention = new INDArray[numLayers];
        scores = new INDArray[numLayers];
        ffn = new INDArray[numLayers];
        caches = new EncoderLayer.Cache[numLayers];
    }

    public BertInput input() { return input; }
    public TraceOptions options() { return options; }
    public int numLayers() { return numLayers; }
    public int batchSize() { return input.batchSize(); }
    public int seqLen() { return input.seqLen(); }

    /** h_n [B, T, H]: n = 0 is the embedding output (after LayerNorm), n = L the last layer's output. */
    public INDArray hidden(int n) {
        if (n < 0 || n > numLayers) throw new IndexOutOfBoundsException("hidden state " + n + " not in [0, " + numLayers + "]");
        if (n == numLayers) return lastHidden();
        if (hidden[n] == null) throw notKept("hidden state " + n, "keepHiddenStates()");
        return to3d(hidden[n]);
    }

    /** h_L [B, T, H], always kept. */
    public INDArray lastHidden() { return to3d(lastHidden); }

    /** h_L as [B*T, H] rows. */
    public INDArray lastHiddenRows() { return lastHidden; }

    /**
     * Attention probabilities actually used by a layer [B, heads, T, T] (after interventions). In a padded batch
     * the columns of padding keys are exactly 0, but the rows of padding queries are not zeroed: a padding position
     * still attends (over the real keys) as the engine computed it, and those rows mean nothing. Read item b's
     * first {@link BertInput#realLength(int)} rows only (the analyses do).
     */
    public INDArray attention(int layer) {
        checkLayer(layer);
        if (attention[layer] == null) throw notKept("attention of layer " + layer, "keepAttention()");
        return attention[layer];
    }

    /** Attention of one batch item [heads, T, T]. */
    public INDArray attention(int layer, int batchIndex) {
        INDArray a = attention(layer);
        if (batchIndex < 0 || batchIndex >= batchSize()) {
            throw new IndexOutOfBoundsException("batch index " + batchIndex + " not in [0, " + batchSize() + ")");
        }
        return a.get(NDArrayIndex.point(batchIndex), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all());
    }

    /** Pre-softmax scores QKᵀ/√d + additive mask [B, heads, T, T]. */
    public INDArray scores(int layer) {
        checkLayer(layer);
        if (scores[layer] == null) throw notKept("scores of layer " + layer, "keepScores()");
        return scores[layer];
    }

    /** GELU outputs of a layer's feed-forward block [B, T, intermediate]. */
    public INDArray ffnActivations(int layer) {
        checkLayer(layer);
        if (ffn[layer] == null) throw notKept("FFN activations of layer " + layer, "keepFfnActivations()");
        return to3d(ffn[layer]);
    }

    /**
     * What layer {@code layer}'s backward needs, kept with {@link TraceOptions#keepCaches()}: read-only accessors to
     * its LayerNorm inputs, means and 1/std, Q, K, V, probabilities and dense-layer inputs. The arrays belong to the
     * trace (a backward pass reads them): do not modify them.
     */
    public EncoderLayer.Cache cache(int layer) {
        checkLayer(layer);
        if (caches[layer] == null) throw notKept("cache of layer " + layer, "keepCaches()");
        return caches[layer];
    }

    /** What the embeddings' backward needs (the embedding sum, its LayerNorm's values), read-only as {@link #cache}. */
    public Embeddings.Cache embeddingsCache() {
        if (embeddingsCache == null) throw notKept("embeddings cache", "keepCaches()");
        return embeddingsCache;
    }

    private void checkLayer(int layer) {
        if (layer < 0 || layer >= numLayers) throw new IndexOutOfBoundsException("layer " + layer + " not in [0, " + numLayers + ")");
    }

    private INDArray to3d(INDArray rows) {
        return rows.reshape('c', batchSize(), seqLen(), rows.size(1));
    }

    private static IllegalStateException notKept(String what, String flag) {
        return new IllegalStateException(what + " was not kept by this forward pass; set TraceOptions." + flag);
    }
}
