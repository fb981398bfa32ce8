package org.bertology4j.analysis.kovaleva;

import org.apache.commons.math3.distribution.BinomialDistribution;

/**
 * Exact McNemar test of two classifiers on the same examples: only the discordant examples count (A right and B
 * wrong, {@code aOnly}; B right and A wrong, {@code bOnly}); under equal accuracy each discordant example goes either
 * way with probability 1/2, so the two-sided p-value is 2·P(X ≤ min) for X ~ Binomial(aOnly + bOnly, 1/2), at most 1.
 *
 * @param aOnly   examples only A classifies correctly
 * @param bOnly   examples only B classifies correctly
 * @param pValue  exact two-sided p-value
 */
public record McNemar(long aOnly, long bOnly, double pValue) {

    /** The test of predictions {@code a} against {@code b} for the labels {@code gold}. */
    public static McNemar of(int[] gold, int[] a, int[] b) {
        if (gold.length != a.length || gold.length != b.length) {
            throw new IllegalArgumentException("McNemar needs predictions for the same examples: " + gold.length + ", "
                    + a.length + ", " + b.length);
        }
        long aOnly = 0, bOnly = 0;
        for (int i = 0; i < gold.length; i++) {
            boolean ra = a[i] == gold[i], rb = b[i] == gold[i];
            if (ra && !rb) aOnly++;
            if (rb && !ra) bOnly++;
        }
        return new McNemar(aOnly, bOnly, pValue(aOnly, bOnly));
    }

    static double pValue(long aOnly, long bOnly) {
        long n = aOnly + bOnly;
        if (n == 0) return 1.0;
        double tail = new BinomialDistribution(null, (int) n, 0.5).cumulativeProbability((int) Math.min(aOnly, bOnly));
        return Math.min(1.0, 2 * tail);
    }
}
