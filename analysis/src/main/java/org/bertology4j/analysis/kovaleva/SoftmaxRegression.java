package org.bertology4j.analysis.kovaleva;

/**
 * Multinomial logistic regression with L2 penalty on standardized features, fit by full-batch Adam from
 * zero weights (deterministic). Small and dependency-free: a probe, not a general learner.
 */
final class SoftmaxRegression {
    private final double[] mean, std;
    private final double[][] w; // [labels][d + 1], last column bias

    private SoftmaxRegression(double[] mean, double[] std, double[][] w) {
        this.mean = mean;
        this.std = std;
        this.w = w;
    }

    /** Fits on rows {@code x} with labels {@code y} in [0, labels). */
    public static SoftmaxRegression fit(double[][] x, int[] y, int labels, double l2, int iterations, double lr) {
        if (x.length == 0) throw new IllegalArgumentException("no training rows");
        if (x.length != y.length) throw new IllegalArgumentException(x.length + " rows but " + y.length + " labels");
        int n = x.length, d = x[0].length;
        double[] mean = new double[d], std = new double[d];
        for (double[] r : x) for (int j = 0; j < d; j++) mean[j] += r[j] / n;
        for (double[] r : x) for (int j = 0; j < d; j++) std[j] += (r[j] - mean[j]) * (r[j] - mean[j]) / n;
        for (int j = 0; j < d; j++) std[j] = Math.sqrt(std[j]) + 1e-8;
        double[][] z = new double[n][];
        for (int i = 0; i < n; i++) z[i] = standardize(x[i], mean, std);
        double[][] w = new double[labels][d + 1], m = new double[labels][d + 1], v = new double[labels][d + 1];
        double[][] g = new double[labels][d + 1];
        double[] p = new double[labels];
        for (int it = 1; it <= iterations; it++) {
            for (double[] r : g) java.util.Arrays.fill(r, 0);
            for (int i = 0; i < n; i++) {
                probabilities(w, z[i], p);
                for (int c = 0; c < labels; c++) {
                    double e = (p[c] - (y[i] == c ? 1 : 0)) / n;
                    double[] gc = g[c];
                    for (int j = 0; j < d; j++) gc[j] += e * z[i][j];
                    gc[d] += e;
                }
            }
            for (int c = 0; c < labels; c++) {
                for (int j = 0; j <= d; j++) {
                    double gj = g[c][j] + (j < d ? l2 * w[c][j] : 0);
                    m[c][j] = 0.9 * m[c][j] + 0.1 * gj;
                    v[c][j] = 0.999 * v[c][j] + 0.001 * gj * gj;
                    double mh = m[c][j] / (1 - Math.pow(0.9, it)), vh = v[c][j] / (1 - Math.pow(0.999, it));
                    w[c][j] -= lr * mh / (Math.sqrt(vh) + 1e-8);
                }
            }
        }
        return new SoftmaxRegression(mean, std, w);
    }

    private static double[] standardize(double[] r, double[] mean, double[] std) {
        double[] z = new double[r.length];
        for (int j = 0; j < r.length; j++) z[j] = (r[j] - mean[j]) / std[j];
        return z;
    }

    private static void probabilities(double[][] w, double[] z, double[] p) {
        int d = z.length;
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < w.length; c++) {
            double s = w[c][d];
            for (int j = 0; j < d; j++) s += w[c][j] * z[j];
            p[c] = s;
            max = Math.max(max, s);
        }
        double sum = 0;
        for (int c = 0; c < p.length; c++) sum += (p[c] = Math.exp(p[c] - max));
        for (int c = 0; c < p.length; c++) p[c] /= sum;
    }

    /** Most probable class of a raw (unstandardized) feature row. */
    public int predict(double[] x) {
        double[] p = new double[w.length];
        probabilities(w, standardize(x, mean, std), p);
        int best = 0;
        for (int c = 1; c < p.length; c++) if (p[c] > p[best]) best = c;
        return best;
    }
}
