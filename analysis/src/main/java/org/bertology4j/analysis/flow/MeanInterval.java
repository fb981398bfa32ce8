package org.bertology4j.analysis.flow;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * A mean with its 95% confidence interval from the t distribution (n-1 degrees of freedom).
 *
 * @param n    number of values
 * @param mean mean (NaN when empty)
 * @param sd   sample standard deviation
 * @param low  lower bound of the 95% interval (NaN below two values)
 * @param high upper bound
 */
public record MeanInterval(long n, double mean, double sd, double low, double high) {

    /** From accumulated moments. */
    public static MeanInterval of(RunningMoments m) {
        if (m.n() < 2) return new MeanInterval(m.n(), m.mean(), Double.NaN, Double.NaN, Double.NaN);
        double half = new TDistribution(null, m.n() - 1).inverseCumulativeProbability(0.975) * m.sd() / Math.sqrt(m.n());
        return new MeanInterval(m.n(), m.mean(), m.sd(), m.mean() - half, m.mean() + half);
    }
}
