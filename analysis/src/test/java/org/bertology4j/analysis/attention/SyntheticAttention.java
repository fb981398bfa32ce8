package org.bertology4j.analysis.attention;

import org.bertology4j.tokenizer.Encoding;

import java.util.Arrays;

/** Builders of hand-made attention maps for tests. */
public final class SyntheticAttention {
    private SyntheticAttention() {}

    /** Uniform rows. */
    public static float[][] uniform(int t) {
        float[][] a = new float[t][t];
        for (float[] r : a) Arrays.fill(r, 1f / t);
        return a;
    }

    /** Each row puts all mass on {@code target[i]}. */
    public static float[][] pointing(int[] target) {
        int t = target.length;
        float[][] a = new float[t][t];
        for (int i = 0; i < t; i++) a[i][target[i]] = 1f;
        return a;
    }

    /** Index of the first piece of each word. */
    public static int[] firstPieces(Encoding e) {
        int[] first = new int[e.words().size()];
        Arrays.fill(first, -1);
        for (int p = 0; p < e.length(); p++) {
            int w = e.wordIndex()[p];
            if (w >= 0 && first[w] < 0) first[w] = p;
        }
        return first;
    }

    /** A model whose every head is uniform except those filled by {@code fill}. */
    public static SentenceAttention build(int layers, int heads, int t, MapFiller fill) {
        float[][][][] w = new float[layers][heads][][];
        for (int l = 0; l < layers; l++)
            for (int h = 0; h < heads; h++) {
                float[][] m = fill.map(l, h);
                w[l][h] = m != null ? m : uniform(t);
            }
        return new SentenceAttention(w);
    }

    /** Supplies the map of a head, or null for uniform. */
    @FunctionalInterface
    public interface MapFiller { float[][] map(int layer, int head); }
}
