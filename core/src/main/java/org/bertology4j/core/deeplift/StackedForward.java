package org.bertology4j.core.deeplift;

import org.bertology4j.core.layers.EncoderLayer;
import org.bertology4j.core.layers.SelfAttention;
import org.bertology4j.core.model.BertWeights;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.List;

/**
 * One forward pass of the input and its references stacked as a batch (item 0 = input, items 1.. =
 * references), from word-embedding vectors, through the engine's own layer code with every cache kept.
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
     * @param words    word-embedding vectors of all items [B·T, H]
     * @param segments segment ids of the sequence [T] (shared by all items)
     * @param mask     attention mask of the sequence [T] (shared by all items)
     */
    static StackedForward run(BertWeights w, INDArray words, int[] segments, int[] mask, int items) {
        int t = segments.length;
        int[] seg = new int[items * t];
        double[] real = new double[items * t];
        for (int b = 0; b < items; b++) {
            System.arraycopy(segments, 0, seg, b * t, t);
            for (int j = 0; j < t; j++) real[b * t + j] = mask[j];
        }
        // Same order of additions as Embeddings.forward: word, + segment, + position.
        INDArray sum = words.dup('c');
        sum.addi(Nd4j.pullRows(w.embeddings().tokenTypeEmbeddings(), 1, seg));
        INDArray pos = w.embeddings().positionEmbeddings().get(NDArrayIndex.interval(0, t), NDArrayIndex.all()).dup('c');
        for (int b = 0; b < items; b++) sum.get(NDArrayIndex.interval(b * t, (b + 1) * t), NDArrayIndex.all()).addi(pos);
        StackedForward f = new StackedForward(items, t, w.numLayers(), words, sum);
        INDArray realMask = Nd4j.create(real, new long[]{items, t}, 'c').castTo(words.dataType());
        INDArray additiveMask = realMask.rsub(1.0).muli(SelfAttention.MASK_VALUE);
        INDArray h = w.embeddings().layerNorm().forward(sum, null);
        for (int l = 0; l < f.numLayers; l++) {
            f.hidden[l] = h;
            EncoderLayer.Record rec = new EncoderLayer.Record();
            EncoderLayer.Cache cache = new EncoderLayer.Cache();
            h = w.layer(l).forward(h, items, t, additiveMask, realMask, List.of(), true, false, rec, cache);
            f.caches[l] = cache;
            f.scores[l] = rec.attention.scores;
        }
        f.hidden[f.numLayers] = h;
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
