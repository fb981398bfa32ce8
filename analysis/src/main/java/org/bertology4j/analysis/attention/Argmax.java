package org.bertology4j.analysis.attention;

/** Argmax helpers with the project's tie rule: lowest index wins. */
public final class Argmax {
    private Argmax() {}

    /** Index of the largest entry of {@code row}, skipping {@code exclude} (-1 for none); lowest index on ties. */
    public static int ofRow(double[] row, int exclude) {
        int best = -1;
        for (int j = 0; j < row.length; j++) {
            if (j == exclude) continue;
            if (best < 0 || row[j] > row[best]) best = j;
        }
        return best;
    }

    /** Row index of the largest entry of column {@code col}, skipping row {@code exclude}; lowest index on ties. */
    public static int ofColumn(double[][] m, int col, int exclude) {
        int best = -1;
        for (int i = 0; i < m.length; i++) {
            if (i == exclude) continue;
            if (best < 0 || m[i][col] > m[best][col]) best = i;
        }
        return best;
    }
}
