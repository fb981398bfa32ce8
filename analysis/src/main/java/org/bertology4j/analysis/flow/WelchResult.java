package org.bertology4j.analysis.flow;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * Welch's unequal-variance t-test of group 1 against group 2 (two-sided), with the Welch–Satterthwaite degrees
 * of freedom. Statistics are NaN when a group has fewer than two values or both variances are zero.
 */
public record WelchResult(long n1, double mean1, double sd1, long n2, double mean2, double sd2,
                          double t, double df, double p) {

    /** The test from two groups' moments. */
    public static WelchResult of(RunningMoments g1, RunningMoments g2) {
        double v1 = g1.variance() / g1.n(), v2 = g2.variance() / g2.n();
        double t = Double.NaN, df = Double.NaN, p = Double.NaN;
        double se2 = v1 + v2;
        if (g1.n() >= 2 && g2.n() >= 2 && se2 > 0) {
            t = (g1.mean() - g2.mean()) / Math.sqrt(se2);
            df = se2 * se2 / (v1 * v1 / (g1.n() - 1) + v2 * v2 / (g2.n() - 1));
            // cdf of -|t| rather than 1 - cdf(|t|): keeps tiny p-values instead of rounding them to 0
            p = Math.min(1.0, 2.0 * new TDistribution(null, df).cumulativeProbability(-Math.abs(t)));
        }
        return new WelchResult(g1.n(), g1.mean(), g1.sd(), g2.n(), g2.mean(), g2.sd(), t, df, p);
    }

    /** The test on two samples. */
    public static WelchResult of(double[] g1, double[] g2) {
        return of(RunningMoments.of(g1), RunningMoments.of(g2));
    }
}
