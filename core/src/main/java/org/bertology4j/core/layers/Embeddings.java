package org.bertology4j.core.layers;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * BERT input embeddings: word + position + token-type vectors, then LayerNorm.
 * Positions are 0..T-1 for every sequence (right padding keeps real tokens' positions).
 */
public final class Embeddings {
    private final INDArray wordEmbeddings;     // [V, H]
    private final INDArray positionEmbeddings; // [P, H]
    private final INDArray tokenTypeEmbeddings;// [S, H]
    private final LayerNorm layerNorm;

    /** What the backward pass needs. */
    public static final class Cache {
        /** Flattened ids, segment ids [B*T]. */
        public int[] ids, segmentIds;
        /** Sum of the three embeddings before LayerNorm [B*T, H]. */
        public INDArray sum;
        public final LayerNorm.Cache layerNorm = new LayerNorm.Cache();
    }

    public Embeddings(INDArray wordEmbeddings, INDArray positionEmbeddings, INDArray tokenTypeEmbeddings,
                      LayerNorm layerNorm) {
        this.wordEmbeddings = wordEmbeddings;
        this.positionEmbeddings = positionEmbeddings;
        this.tokenTypeEmbeddings = tokenTypeEmbeddings;
        this.layerNorm = layerNorm;
    }

    public INDArray wordEmbeddings() { return wordEmbeddings; }
    public INDArray positionEmbeddings() { return positionEmbeddings; }
    public INDArray tokenTypeEmbeddings() { return tokenTypeEmbeddings; }
    public LayerNorm layerNorm() { return layerNorm; }

    /**
     * @param ids        flattened token ids [B*T] (validated by the caller)
     * @param segmentIds flattened segment ids [B*T]
     * @return h_0, shape [B*T, H]
     */
    public INDArray forward(int[] ids, int[] segmentIds, int batch, int seqLen, Cache cache) {
        INDArray sum = Nd4j.pullRows(wordEmbeddings, 1, ids);                 // [N, H]
        sum.addi(Nd4j.pullRows(tokenTypeEmbeddings, 1, segmentIds));
        INDArray pos = positionEmbeddings.get(NDArrayIndex.interval(0, seqLen), NDArrayIndex.all()).dup('c');
        INDArray sum3 = sum.reshape(batch, seqLen, sum.size(1));
        Nd4j.exec(new BroadcastAddOp(sum3, pos, sum3, 1, 2));                  // same positions in every row
        if (cache != null) {
            cache.ids = ids;
            cache.segmentIds = segmentIds;
            cache.sum = sum;
        }
        return layerNorm.forward(sum, cache == null ? null : cache.layerNorm);
    }
}
