package org.bertology4j.core.deeplift;

import org.bertology4j.core.layers.EncoderLayer;
import org.bertology4j.core.model.BertInput;
import org.bertology4j.core.model.BertModel;
import org.bertology4j.core.model.ForwardTrace;
import org.bertology4j.core.model.TraceOptions;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The input and its references run as one batch (item 0 = input, items 1.. = references) from word-embedding vectors
 * through the model's one forward entry ({@code BertModel.forward(BertInput, INDArray, TraceOptions)}), every cache
 * kept; this record reads that trace in the rows layout DeepLIFT's rules use. Stacking makes the matrix products wider
 * (faster) and guarantees that input and reference see the very same arithmetic as {@code BertModel.forward}.
 *
 * @param words word-embedding vectors of all items [B·T, H]
 */
record StackedForward(ForwardTrace trace, INDArray words, int items) {
    /**
     * @param input the sequence (batch size 1): segments and mask, shared by all items
     * @param words word-embedding vectors of all items [B·T, H]
     */
    static StackedForward run(BertModel model, BertInput input, INDArray words, int items) {
        int[][] ids = new int[items][], seg = new int[items][], mask = new int[items][];
        for (int b = 0; b < items; b++) {
            ids[b] = input.ids()[0];
            seg[b] = input.segmentIds()[0];
            mask[b] = input.attentionMask()[0];
        }
        ForwardTrace tr = model.forward(BertInput.of(ids, seg, mask), words,
                TraceOptions.builder().keepCaches().keepScores().keepHiddenStates().build());
        return new StackedForward(tr, words, items);
    }

    int seqLen() { return trace.seqLen(); }

    int numLayers() { return trace.numLayers(); }

    /** h_n of all items [B·T, H], n = 0 .. L. */
    INDArray hidden(int n) { return trace.hidden(n).reshape('c', (long) items * seqLen(), trace.hidden(n).size(2)); }

    /** Word + position + segment sum, the embedding LayerNorm's input [B·T, H]. */
    INDArray embeddingSum() { return trace.embeddingsCache().sum(); }

    /** Layer l's cache (attention q/k/v/probs, LayerNorm and FFN inputs). */
    EncoderLayer.Cache cache(int l) { return trace.cache(l); }

    /** Layer l's pre-softmax scores with the additive mask [B, heads, T, T]. */
    INDArray scores(int l) { return trace.scores(l); }

    /** The T rows of one item of a [B·T, X] array (a view). */
    INDArray rows(INDArray a, int item) {
        return a.get(NDArrayIndex.interval((long) item * seqLen(), (long) (item + 1) * seqLen()), NDArrayIndex.all());
    }

    /** One item of a [B, ...] rank-4 array, [heads, T, X] (a view). */
    static INDArray item(INDArray a, int item) {
        return a.get(NDArrayIndex.point(item), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all());
    }
}
