package org.bertology4j.analysis.probe;

/**
 * Distance features for the "distances + word vectors" baseline: one-hot of the signed offset c - d in
 * {<=-5, -4, -3, -2, -1, 1, 2, 3, 4, >=5}, plus one feature for the root candidate (11 features).
 */
final class DistanceArcFeatures {
    /** Number of features. */
    public static final int SIZE = 11;

    private DistanceArcFeatures() {}

    /** Features of a sentence of {@code n} words. */
    public static ArcFeatures of(int n) {
        double[][][] f = new double[SIZE][n][n + 1];
        for (int d = 0; d < n; d++) {
            for (int c = 0; c < n; c++) {
                if (c == d) continue;
                int off = Math.max(-5, Math.min(5, c - d));
                f[off < 0 ? off + 5 : off + 4][d][c] = 1;
            }
            f[SIZE - 1][d][n] = 1;
        }
        return new ArcFeatures(f);
    }
}
