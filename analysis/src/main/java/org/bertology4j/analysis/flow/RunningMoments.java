package org.bertology4j.analysis.flow;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Count, mean and sum of squared deviations (M2) of a stream of values, updated with Welford's step and merged
 * with Chan et al.'s parallel formula. Both are exact in real arithmetic, and far better conditioned in floating
 * point than raw sums of squares, so shards combine to the one-pass result up to rounding.
 */
public final class RunningMoments {
    private long n;
    private double mean;
    private double m2;

    /** Empty. */
    public RunningMoments() {}

    /** Restores a state (JSON). */
    @JsonCreator
    public RunningMoments(@JsonProperty("n") long n, @JsonProperty("mean") double mean, @JsonProperty("m2") double m2) {
        if (n < 0 || m2 < 0 || (n == 0 && (mean != 0 || m2 != 0))) {
            throw new IllegalArgumentException("invalid moments state n=" + n + " mean=" + mean + " m2=" + m2);
        }
        this.n = n;
        this.mean = mean;
        this.m2 = m2;
    }

    /** Moments of the given values. */
    public static RunningMoments of(double... values) {
        RunningMoments r = new RunningMoments();
        for (double v : values) r.add(v);
        return r;
    }

    /** Adds one finite value. */
    public void add(double x) {
        if (!Double.isFinite(x)) throw new IllegalArgumentException("non-finite value " + x);
        n++;
        double d = x - mean;
        mean += d / n;
        m2 += d * (x - mean);
    }

    /** Adds another accumulator's values (Chan et al.). */
    public void merge(RunningMoments o) {
        if (o.n == 0) return;
        if (n == 0) {
            n = o.n;
            mean = o.mean;
            m2 = o.m2;
            return;
        }
        long total = n + o.n;
        double d = o.mean - mean;
        mean += d * o.n / total;
        m2 += o.m2 + d * d * ((double) n * o.n / total);
        n = total;
    }

    /** A copy. */
    public RunningMoments copy() { return new RunningMoments(n, mean, m2); }

    /** Number of values. */
    @JsonProperty("n")
    public long n() { return n; }

    /** Mean, NaN when empty. */
    public double mean() { return n == 0 ? Double.NaN : mean; }

    @JsonProperty("mean")
    private double storedMean() { return mean; }

    /** Sum of squared deviations from the mean. */
    @JsonProperty("m2")
    public double m2() { return m2; }

    /** Unbiased sample variance, NaN below two values. */
    public double variance() { return n < 2 ? Double.NaN : m2 / (n - 1); }

    /** Sample standard deviation, NaN below two values. */
    public double sd() { return Math.sqrt(variance()); }
}
