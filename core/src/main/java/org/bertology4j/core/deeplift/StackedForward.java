package org.bertology4j.core.deeplift;

import org.bertology4j.core.layers.EncoderLayer;
import org.bertology4j.core.model.BertInput;
import org.bertology4j.core.model.BertModel;
import org.bertology4j.core.model.ForwardTrace;
import org.bertology4j.core.model.TraceOptions;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * One forward pass of the input and its references stacked as a batch (item 0 = input, items 1.. =
 * references), from word-embedding vectors, through the model's one forward entry
 * ({@code BertModel.forward(BertInput, INDArray, TraceOptions)}) with every cache kept.
 * Stacking makes the matrix products wider (faster) and guarantees that input and reference see the
 * very same arithmetic as {@code BertModel.forward}.
 */
final class StackedForward {
    final int items, seqLen, numLayers;
    /** Word-embedding vectors [B·T, H]. */
    final INDArray words;
    /** Word + position + segment sum, the embedding LayerNorm's input [B·T, H]. */
    final INDArray embeddingSum;
    /** h_0 .. h_L, each [B·T, H]. */
    final INDArray[] hidden;
    /** Per-layer caches (attention q/k/v/probs, LayerNorm and FFN inputs). */
    final EncoderLayer.Cache[] caches;
    /** Per-layer pre-softmax scores with the additive mask [B, heads, T, T]. */
    final INDArray[] scores;

    private StackedForward(int items, int seqLen, int numLayers, INDArray words, INDArray embeddingSum) {
        this.items = items;
        this.seqLen = seqLen;
        this.numLayers = numLayers;
        this.words = words;
        this.embeddingSum = embeddingSum;
        hidden = new INDArray[numLayers + 1];
        caches = new EncoderLayer.Cache[numLayers];
        scores = new INDArray[numLayers];
    }

    /**
     * @param input    the sequence (batch size 1): segments and mask, shared by all items
     * @param words    word-embedding vectors of all items [B·T, H]
     */
    static StackedForward run(BertModel model, BertInput input, INDArray words, int items) {
        int t = input.seqLen();
        int[][] ids = new int[items][], seg = new int[items][], mask = new int[items][];
        for (int b = 0; b < items; b++) {
            ids[b] = input.ids()[0];
            seg[b] = input.segmentIds()[0];
            mask[b] = input.attentionMask()[0];
        }
        // The model's one forward entry, from word vectors (inputs_embeds), every cache and score kept.
        ForwardTrace tr = model.forward(BertInput.of(ids, seg, mask), words,
                TraceOptions.builder().keepCaches().keepScores().keepHiddenStates().build());
        StackedForward f = new StackedForward(items, t, model.config().numHiddenLayers(), words, tr.embeddingsCache().sum());
        long rows = (long) items * t, h = model.config().hiddenSize();
        for (int l = 0; l <= f.numLayers; l++) f.hidden[l] = tr.hidden(l).reshape('c', rows, h);
        for (int l = 0; l < f.numLayers; l++) {
            f.caches[l] = tr.cache(l);
            f.scores[l] = tr.scores(l);
        }
        return f;
    }

    /** The T rows of one item of a [B·T, X] array (a view). */
    INDArray rows(INDArray a, int item) {
        return a.get(NDArrayIndex.interval((long) item * seqLen, (long) (item + 1) * seqLen), NDArrayIndex.all());
    }

    /** One item of a [B, ...] rank-4 array as a contiguous copy [heads, T, X]. */
    static INDArray item(INDArray a, int item) {
        return a.get(NDArrayIndex.point(item), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all()).dup('c');
    }
}
