package org.bertology4j.analysis.attention;

import org.bertology4j.core.model.ForwardTrace;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Attention (or attention-gradient) arrays of a forward trace as Java arrays {@code [layer][head][from][to]}. The
 * studies get attention from {@link org.bertology4j.corpus.BatchedModelAttention}, which uses these helpers.
 */
public final class AttentionMaps {
    private AttentionMaps() {}

    /** All layers' attention of one batch item as float[layer][head][from][to] at the trace's (padded) length. */
    public static float[][][][] of(ForwardTrace trace, int batchIndex) {
        int layers = trace.numLayers();
        float[][][][] out = new float[layers][][][];
        for (int l = 0; l < layers; l++) out[l] = headMaps(trace.attention(l, batchIndex));
        return out;
    }

    /** A [heads, T, T] array (attention or its gradient) as float[head][from][to]. */
    public static float[][][] headMaps(INDArray a) { return headMaps(a, (int) a.size(1)); }

    /** The first {@code t} rows and columns of each head of a [heads, T, T] array (a padded batch item's real part). */
    public static float[][][] headMaps(INDArray a, int t) {
        int heads = (int) a.size(0), padded = (int) a.size(1);
        float[] flat = a.dup('c').castTo(DataType.FLOAT).data().asFloat();
        float[][][] out = new float[heads][t][t];
        for (int h = 0; h < heads; h++) {
            for (int i = 0; i < t; i++) System.arraycopy(flat, (h * padded + i) * padded, out[h][i], 0, t);
        }
        return out;
    }
}
