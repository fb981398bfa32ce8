package org.bertology4j.analysis.probe;

import org.bertology4j.analysis.attention.SentenceAttention;
import org.bertology4j.analysis.attention.WordAttention;
import org.bertology4j.analysis.attention.WordUnits;

/**
 * Attention features of the probe (Clark et al. section 5): for each head k, {@code A_k[d][c]} and
 * {@code A_k[c][d]} at word level. The root candidate stands for the special tokens together: attention
 * to the root = sum over the [CLS]/[SEP] units, attention from the root = mean over their rows.
 */
final class AttentionArcFeatures {
    private AttentionArcFeatures() {}

    /** 2 x layers x heads features: index 2k = d attends to c, 2k+1 = c attends to d; k = layer*heads + head. */
    public static ArcFeatures of(SentenceAttention attention, WordUnits units) {
        int n = units.words(), u = units.size(), heads = attention.heads();
        int[] specials = java.util.stream.IntStream.range(0, u).filter(x -> units.wordOfUnit(x) < 0).toArray();
        if (specials.length == 0) throw new IllegalArgumentException("encoding has no [CLS]/[SEP] to stand for the root");
        double[][][] f = new double[2 * attention.layers() * heads][n][n + 1];
        for (int l = 0; l < attention.layers(); l++)
            for (int h = 0; h < heads; h++) {
                double[][] a = WordAttention.fromPieces(attention.map(l, h), units);
                double[][] to = f[2 * (l * heads + h)], from = f[2 * (l * heads + h) + 1];
                for (int d = 0; d < n; d++) {
                    int ud = units.unitOfWord(d);
                    for (int c = 0; c < n; c++) {
                        int uc = units.unitOfWord(c);
                        to[d][c] = a[ud][uc];
                        from[d][c] = a[uc][ud];
                    }
                    double toRoot = 0, fromRoot = 0;
                    for (int s : specials) { toRoot += a[ud][s]; fromRoot += a[s][ud]; }
                    to[d][n] = toRoot;
                    from[d][n] = fromRoot / specials.length;
                }
            }
        return new ArcFeatures(f);
    }
}
