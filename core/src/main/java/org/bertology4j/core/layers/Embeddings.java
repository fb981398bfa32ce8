package org.bertology4j.core.layers;

import org.bertology4j.core.kernels.Kernels;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * BERT input embeddings: word + position + token-type vectors, then LayerNorm.
 * Positions are 0..T-1 for every sequence (right padding keeps real tokens' positions).
 * Tables: word [V, H], position [P, H], token type [S, H] (shared with the weights: do not modify).
 */
public record Embeddings(INDArray wordEmbeddings, INDArray positionEmbeddings, INDArray tokenTypeEmbeddings,
                         LayerNorm layerNorm) {
    /** What the backward pass needs. */
    public static final class Cache {
        int[] ids, segmentIds;
        INDArray sum;

        private final LayerNorm.Cache layerNorm = new LayerNorm.Cache();

        /** Sum of the three embeddings before LayerNorm [B*T, H] (read-only: filled by the forward). */
        public INDArray sum() { return sum; }

        /** The embedding LayerNorm's: its input (the sum), row means and 1/std. */
        public LayerNorm.Cache layerNorm() { return layerNorm; }
    }


    /**
     * @param ids        flattened token ids [B*T] (validated by the caller)
     * @param segmentIds flattened segment ids [B*T]
     * @return h_0, shape [B*T, H]
     */
    public INDArray forward(int[] ids, int[] segmentIds, int batch, int seqLen, Cache cache) {
        INDArray sum = Nd4j.pullRows(wordEmbeddings, 1, ids);                 // [N, H]
        if (cache != null) cache.ids = ids;
        return fromWords(sum, segmentIds, batch, seqLen, cache);
    }

    /**
     * The same from given word-embedding vectors (Hugging Face's {@code inputs_embeds}) [B*T, H] instead of ids;
     * the word table gets no gradient from such a pass ({@code cache.ids} stays null).
     */
    public INDArray forwardFromWords(INDArray words, int[] segmentIds, int batch, int seqLen, Cache cache) {
        if (words.rank() != 2 || words.size(0) != (long) batch * seqLen || words.size(1) != wordEmbeddings.size(1)) {
            throw new IllegalArgumentException("word-embedding vectors must be [" + (batch * seqLen) + ", " + wordEmbeddings.size(1)
                    + "], got " + java.util.Arrays.toString(words.shape()));
        }
        return fromWords(words.castTo(wordEmbeddings.dataType()).dup('c'), segmentIds, batch, seqLen, cache);
    }

    /** sum (word vectors, overwritten) + segment + position, then LayerNorm. */
    private INDArray fromWords(INDArray sum, int[] segmentIds, int batch, int seqLen, Cache cache) {
        sum.addi(Nd4j.pullRows(tokenTypeEmbeddings, 1, segmentIds));
        INDArray pos = positionEmbeddings.get(NDArrayIndex.interval(0, seqLen), NDArrayIndex.all()).dup('c');
        INDArray sum3 = sum.reshape(batch, seqLen, sum.size(1));
        Nd4j.exec(new BroadcastAddOp(sum3, pos, sum3, 1, 2));                  // same positions in every row
        if (cache != null) {
            cache.segmentIds = segmentIds;
            cache.sum = sum;
        }
        return layerNorm.forward(sum, cache == null ? null : cache.layerNorm);
    }

    // ---------------------------------------------------------------- backward (hand-written VJPs)

    /** Parameter-gradient accumulators: word [V, H], position [P, H], token type [S, H], LayerNorm. */
    public static final class Grad {
        public final INDArray word, position, tokenType;
        public final LayerNorm.Grad layerNorm;

        public Grad(Embeddings e) {
            word = Nd4j.zeros(e.wordEmbeddings.dataType(), e.wordEmbeddings.size(0), e.wordEmbeddings.size(1));
            position = Nd4j.zeros(e.positionEmbeddings.dataType(), e.positionEmbeddings.size(0), e.positionEmbeddings.size(1));
            tokenType = Nd4j.zeros(e.tokenTypeEmbeddings.dataType(), e.tokenTypeEmbeddings.size(0), e.tokenTypeEmbeddings.size(1));
            layerNorm = new LayerNorm.Grad(e.layerNorm);
        }

        /** Word-table rows written since the last full zero (null: unknown, clear everything). */
        private java.util.BitSet touchedWords = null;

        /**
         * Sets every accumulator to zero; of the word table (30522 x 768 for BERT-base) only the rows the backward
         * passes wrote since the last zero are cleared, when known.
         */
        public void zero() {
            if (touchedWords == null) word.assign(0);
            else for (int r = touchedWords.nextSetBit(0); r >= 0; r = touchedWords.nextSetBit(r + 1)) word.getRow(r).assign(0);
            touchedWords = new java.util.BitSet();
            position.assign(0);
            tokenType.assign(0);
            layerNorm.arrays().forEach(a -> a.assign(0));
        }

        /** Records rows the scatter-add writes (no-op while unknown, i.e. before the first {@link #zero()}). */
        void touched(int[] rows) {
            if (touchedWords != null) for (int r : rows) touchedWords.set(r);
        }

        /** The accumulators: word, position, token type, LayerNorm gamma and beta. */
        public java.util.List<INDArray> arrays() {
            java.util.List<INDArray> a = new java.util.ArrayList<>(java.util.List.of(word, position, tokenType));
            a.addAll(layerNorm.arrays());
            return a;
        }
    }

    /**
     * VJP from dL/dh_0 [K·B·T, H] to dL/d(sum) [K·B·T, H], the gradient w.r.t. the embedding sum before
     * LayerNorm, which is also the gradient w.r.t. each input's word-embedding row (and its position and
     * segment rows). When {@code grad} is non-null the rows are scatter-added into the tables.
     */
    public INDArray backward(INDArray dh0, int batch, int seqLen, Cache cache, Grad grad) {
        if (cache == null || cache.sum == null) {
            throw new IllegalStateException("embeddings backward needs the forward cache (TraceOptions.keepCaches())");
        }
        INDArray dSum = layerNorm.backward(dh0, cache.layerNorm, grad == null ? null : grad.layerNorm);
        if (grad != null) {
            if (cache.ids == null) throw new IllegalStateException("no word-table gradient from a pass given word-embedding vectors");
            INDArray rows = Kernels.sumStacked(dSum, (long) batch * seqLen);
            grad.touched(cache.ids);
            Kernels.scatterAddEmbeddingRows(rows, cache.ids, cache.segmentIds, seqLen, grad.word, grad.tokenType, grad.position);
        }
        return dSum;
    }
}
