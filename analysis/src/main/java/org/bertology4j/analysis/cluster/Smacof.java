package org.bertology4j.analysis.cluster;

import java.util.Random;

/**
 * Metric multidimensional scaling by SMACOF (de Leeuw): iterates the Guttman transform from a seeded random
 * start until the raw stress stops decreasing by more than {@code tolerance} (relative).
 */
public final class Smacof {
    private Smacof() {}

    /** Embedding and its final raw stress {@code sum_{i<j} (d_ij - ||x_i - x_j||)^2}. */
    public record Result(double[][] points, double stress, int iterations) {}

    /**
     * @param d    symmetric dissimilarities with zero diagonal
     * @param dims output dimensions (2 for plots)
     * @param seed random start
     */
    public static Result embed(double[][] d, int dims, long seed, int maxIterations, double tolerance) {
        int n = d.length;
        for (int i = 0; i < n; i++) {
            if (d[i].length != n) throw new IllegalArgumentException("dissimilarity matrix is not square (row " + i + ")");
            for (int j = 0; j < n; j++) {
                if (!(Math.abs(d[i][j] - d[j][i]) <= 1e-9 * Math.max(1, Math.abs(d[i][j])))) throw new IllegalArgumentException("dissimilarities not symmetric at " + i + "," + j);
                if (d[i][j] < 0 || Double.isNaN(d[i][j])) throw new IllegalArgumentException("negative or NaN dissimilarity at " + i + "," + j);
            }
        }
        Random r = new Random(seed);
        double scale = 0;
        for (double[] row : d) for (double v : row) scale = Math.max(scale, v);
        double[][] x = new double[n][dims];
        for (double[] p : x) for (int k = 0; k < dims; k++) p[k] = (r.nextDouble() - 0.5) * (scale == 0 ? 1 : scale);
        double stress = stress(d, x);
        int it = 0;
        while (it < maxIterations) {
            it++;
            double[][] y = guttman(d, x);
            double s = stress(d, y);
            x = y;
            boolean done = stress - s <= tolerance * Math.max(stress, 1e-300);
            stress = s;
            if (done) break;
        }
        return new Result(x, stress, it);
    }

    // X_new = (1/n) B(X) X with B_ij = -d_ij / ||x_i - x_j|| (0 when coincident), B_ii = -sum_{j != i} B_ij.
    private static double[][] guttman(double[][] d, double[][] x) {
        int n = x.length, dims = x[0].length;
        double[][] y = new double[n][dims];
        for (int i = 0; i < n; i++) {
            double bii = 0;
            for (int j = 0; j < n; j++) {
                if (j == i) continue;
                double dist = dist(x[i], x[j]);
                double b = dist > 0 ? -d[i][j] / dist : 0;
                bii -= b;
                for (int k = 0; k < dims; k++) y[i][k] += b * x[j][k];
            }
            for (int k = 0; k < dims; k++) y[i][k] = (y[i][k] + bii * x[i][k]) / n;
        }
        return y;
    }

    /** Raw stress of an embedding. */
    public static double stress(double[][] d, double[][] x) {
        double s = 0;
        for (int i = 0; i < x.length; i++)
            for (int j = i + 1; j < x.length; j++) {
                double e = d[i][j] - dist(x[i], x[j]);
                s += e * e;
            }
        return s;
    }

    static double dist(double[] a, double[] b) {
        double s = 0;
        for (int k = 0; k < a.length; k++) s += (a[k] - b[k]) * (a[k] - b[k]);
        return Math.sqrt(s);
    }
}
