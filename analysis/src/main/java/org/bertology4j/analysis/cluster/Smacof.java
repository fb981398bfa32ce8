package org.bertology4j.analysis.cluster;

import java.util.Random;

/**
 * Multidimensional scaling by SMACOF (de Leeuw). Metric ({@link #embed}): iterates the Guttman transform from a seeded
 * random start until the raw stress stops decreasing by more than {@code tolerance} (relative); this is what the
 * authors' released notebook runs for Clark et al.'s Fig. 6 (scikit-learn's {@code MDS(metric=True)}, best of 5 starts).
 * Non-metric ({@link #embedNonMetric}): Kruskal's (1964) method, which the paper cites (Sect. 6): only the rank order
 * of the dissimilarities is fitted, through disparities from isotonic regression.
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

    /**
     * Non-metric (Kruskal) MDS: starts from the metric solution ({@link #embed} with the same seed), then alternates
     * (1) disparities = the isotonic (monotone non-decreasing) regression of the embedding's distances on the order of
     * the dissimilarities (ties in the dissimilarities ordered by the current distances), scaled so that their squares
     * sum to n(n-1)/2, and (2) one Guttman transform towards them; stops when Kruskal's stress-1,
     * {@code sqrt(sum (dist - disparity)^2 / sum dist^2)}, decreases by less than {@code tolerance} (relative).
     *
     * @return the points and their final stress-1 (not the raw stress of {@link #embed})
     */
    public static Result embedNonMetric(double[][] d, int dims, long seed, int maxIterations, double tolerance) {
        double[][] x = embed(d, dims, seed, maxIterations, tolerance).points();
        int n = d.length, pairs = n * (n - 1) / 2;
        int[][] pair = new int[pairs][];
        for (int i = 0, k = 0; i < n; i++) for (int j = i + 1; j < n; j++) pair[k++] = new int[]{i, j};
        double stress = Double.MAX_VALUE;
        int it = 0;
        while (it < maxIterations) {
            it++;
            double[] dist = new double[pairs];
            for (int k = 0; k < pairs; k++) dist[k] = dist(x[pair[k][0]], x[pair[k][1]]);
            Integer[] order = new Integer[pairs];
            for (int k = 0; k < pairs; k++) order[k] = k;
            final double[] dd = dist;
            java.util.Arrays.sort(order, (a, b) -> {
                int c = Double.compare(d[pair[a][0]][pair[a][1]], d[pair[b][0]][pair[b][1]]);
                return c != 0 ? c : Double.compare(dd[a], dd[b]);
            });
            double[] fit = new double[pairs];
            for (int k = 0; k < pairs; k++) fit[k] = dist[order[k]];
            isotonic(fit);
            double sq = 0, num = 0, den = 0;
            for (double v : fit) sq += v * v;
            double scale = sq > 0 ? Math.sqrt(pairs / sq) : 1;
            double[][] target = new double[n][n];
            for (int k = 0; k < pairs; k++) {
                int[] p = pair[order[k]];
                target[p[0]][p[1]] = target[p[1]][p[0]] = fit[k] * scale;
                double e = dist[order[k]] * scale - fit[k] * scale;  // distances on the disparities' scale
                num += e * e;
                den += dist[order[k]] * scale * dist[order[k]] * scale;
            }
            double s = den > 0 ? Math.sqrt(num / den) : 0;
            boolean done = stress - s <= tolerance * Math.max(stress, 1e-300) && stress != Double.MAX_VALUE;
            stress = s;
            if (done) break;
            x = guttman(target, x);
        }
        return new Result(x, stress, it);
    }

    /** In place: the least-squares non-decreasing fit of {@code y} (pool-adjacent-violators). */
    static void isotonic(double[] y) {
        int n = y.length;
        double[] value = new double[n];
        int[] size = new int[n];
        int blocks = 0;
        for (double v : y) {
            value[blocks] = v;
            size[blocks] = 1;
            blocks++;
            while (blocks > 1 && value[blocks - 2] > value[blocks - 1]) {
                int s = size[blocks - 2] + size[blocks - 1];
                value[blocks - 2] = (value[blocks - 2] * size[blocks - 2] + value[blocks - 1] * size[blocks - 1]) / s;
                size[blocks - 2] = s;
                blocks--;
            }
        }
        for (int b = 0, k = 0; b < blocks; b++) for (int i = 0; i < size[b]; i++) y[k++] = value[b];
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
