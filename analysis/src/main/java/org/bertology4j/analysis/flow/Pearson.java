package org.bertology4j.analysis.flow;

/** Pearson correlation, two-pass for accuracy. */
public final class Pearson {
    private Pearson() {}

    /** r of paired samples; NaN when fewer than two pairs or either side is constant. */
    public static double r(double[] x, double[] y) {
        if (x.length != y.length) throw new IllegalArgumentException("samples differ in length: " + x.length + " vs " + y.length);
        int n = x.length;
        if (n < 2) return Double.NaN;
        double mx = 0, my = 0;
        for (int i = 0; i < n; i++) {
            mx += x[i];
            my += y[i];
        }
        mx /= n;
        my /= n;
        double sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < n; i++) {
            double dx = x[i] - mx, dy = y[i] - my;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        if (sxx == 0 || syy == 0) return Double.NaN;
        return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
    }
}
