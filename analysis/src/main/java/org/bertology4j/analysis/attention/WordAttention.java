package org.bertology4j.analysis.attention;

/**
 * Word-level attention (Clark et al. 4.1): attention to a word is the sum over its pieces, attention from a
 * word is the mean over its pieces, so rows still sum to 1. [CLS] and [SEP] stay as units of their own.
 */
public final class WordAttention {
    private WordAttention() {}

    /**
     * @param pieces T x T token attention (rows attend)
     * @param units  the grouping of the T pieces
     * @return U x U unit attention, U = {@code units.size()}
     */
    public static double[][] fromPieces(float[][] pieces, WordUnits units) {
        double[][] d = new double[pieces.length][];
        for (int i = 0; i < pieces.length; i++) {
            d[i] = new double[pieces[i].length];
            for (int j = 0; j < d[i].length; j++) d[i][j] = pieces[i][j];
        }
        return fromPieces(d, units);
    }

    /**
     * The one piece-to-word aggregation of the studies, for any piece-level map whose rows receive (attention: the
     * attending token; flow: the token flowed into): a unit's column is the sum over its pieces, its row the mean
     * over its pieces.
     *
     * @param pieces T x T piece-level map
     * @param units  the grouping of the T pieces
     * @return U x U unit-level map, U = {@code units.size()}
     */
    public static double[][] fromPieces(double[][] pieces, WordUnits units) {
        int t = units.pieces(), u = units.size();
        if (pieces.length != t) throw new IllegalArgumentException("attention has " + pieces.length + " rows but the encoding has " + t + " pieces");
        double[][] out = new double[u][u];
        for (int i = 0; i < t; i++) {
            if (pieces[i].length != t) throw new IllegalArgumentException("attention row " + i + " has " + pieces[i].length + " entries, expected " + t);
            double[] row = out[units.unitOfPiece(i)];
            for (int j = 0; j < t; j++) row[units.unitOfPiece(j)] += pieces[i][j];
        }
        for (int a = 0; a < u; a++) {
            double n = units.piecesInUnit(a);
            for (int b = 0; b < u; b++) out[a][b] /= n;
        }
        return out;
    }

    /**
     * The word x word part of a unit-level map (special tokens' rows and columns dropped), indexed by word;
     * not renormalized.
     */
    public static double[][] wordsOnly(double[][] unitAttention, WordUnits units) {
        int n = units.words();
        double[][] out = new double[n][n];
        for (int a = 0; a < n; a++) {
            int ua = units.unitOfWord(a);
            for (int b = 0; b < n; b++) out[a][b] = unitAttention[ua][units.unitOfWord(b)];
        }
        return out;
    }

    /** Word x word attention of one head: {@link #fromPieces} then {@link #wordsOnly}. */
    public static double[][] betweenWords(float[][] pieces, WordUnits units) {
        return wordsOnly(fromPieces(pieces, units), units);
    }

    /**
     * Word x word map of any piece-level map (e.g. the flow maps A, G, G*: entry [t2][t1] = flow from t1 into t2):
     * {@link #fromPieces(double[][], WordUnits)} then {@link #wordsOnly}, so flow into word t2 from word t1 is the sum
     * over t1's pieces of the mean over t2's pieces; [CLS] and [SEP] are dropped.
     */
    public static double[][] betweenWords(double[][] pieces, WordUnits units) {
        return wordsOnly(fromPieces(pieces, units), units);
    }
}
