package org.bertology4j.analysis.qa.study;

/**
 * The exact two-sided sign test of paired values: of the n pairs that differ, k have a &gt; b; p = P(|X − n/2| ≥ |k − n/2|)
 * for X ~ Binomial(n, 1/2).
 *
 * @param more  pairs with a &gt; b
 * @param less  pairs with a &lt; b
 * @param ties  pairs with a = b (left out)
 * @param p     two-sided p-value (1 when no pair differs)
 */
public record SignTest(int more, int less, int ties, double p) {

    /** The test of a[i] against b[i]. */
    public static SignTest of(double[] a, double[] b) {
        int more = 0, less = 0, ties = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] > b[i]) more++;
            else if (a[i] < b[i]) less++;
            else ties++;
        }
        return new SignTest(more, less, ties, pValue(more, more + less));
    }

    /** Two-sided exact binomial p-value of k successes in n trials at 1/2. */
    static double pValue(int k, int n) {
        if (n == 0) return 1;
        int m = Math.min(k, n - k);
        double tail = 0;
        for (int i = 0; i <= m; i++) tail += Math.exp(logChoose(n, i) - n * Math.log(2));
        return Math.min(1, 2 * tail);
    }

    private static double logChoose(int n, int k) {
        double s = 0;
        for (int i = 1; i <= k; i++) s += Math.log(n - k + i) - Math.log(i);
        return s;
    }
}
