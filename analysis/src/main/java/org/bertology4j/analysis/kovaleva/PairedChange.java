package org.bertology4j.analysis.kovaleva;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The accuracy change of a classifier B against a classifier A on the same examples, with its uncertainty: the exact
 * {@link McNemar} test of the discordant examples, and a percentile bootstrap interval of the change (examples
 * resampled with replacement, the same examples for both, {@code replicates} times from {@code seed}).
 *
 * @param change    accuracy of B minus accuracy of A
 * @param low       lower end of the bootstrap interval
 * @param high      upper end
 * @param test      exact McNemar test (aOnly: examples only B gets right; bOnly: only A)
 */
public record PairedChange(double change, double low, double high, McNemar test) {

    /** Bootstrap replicates and the interval's level used by the studies. */
    public static final int REPLICATES = 2000;
    public static final double LEVEL = 0.95;

    /**
     * @param gold labels
     * @param a    predictions of the reference (e.g. the intact model)
     * @param b    predictions of the changed model (e.g. a head disabled)
     */
    public static PairedChange of(int[] gold, int[] a, int[] b, int replicates, double level, long seed) {
        McNemar m = McNemar.of(gold, b, a);
        int n = gold.length;
        if (n == 0) throw new IllegalArgumentException("no examples to compare");
        if (!(level > 0 && level < 1) || replicates < 1) throw new IllegalArgumentException("level in (0, 1), replicates >= 1");
        // d_i = [b right] - [a right] is +1, -1 or 0; a replicate's change is the mean of n draws of d.
        int[] d = new int[n];
        for (int i = 0; i < n; i++) d[i] = (b[i] == gold[i] ? 1 : 0) - (a[i] == gold[i] ? 1 : 0);
        double[] reps = new double[replicates];
        SplittableRandom r = new SplittableRandom(seed);
        for (int k = 0; k < replicates; k++) {
            long s = 0;
            for (int i = 0; i < n; i++) s += d[r.nextInt(n)];
            reps[k] = s / (double) n;
        }
        java.util.Arrays.sort(reps);
        double tail = (1 - level) / 2;
        double lo = reps[(int) Math.floor(tail * (replicates - 1))], hi = reps[(int) Math.ceil((1 - tail) * (replicates - 1))];
        return new PairedChange((m.aOnly() - m.bOnly()) / (double) n, lo, hi, m);
    }

    /** Whether the McNemar test rejects equal accuracy at {@code alpha}. */
    public boolean significant(double alpha) { return test.pValue() < alpha; }

    /** The JSON fields of the change: change, interval, discordant counts, p-value. */
    Map<String, Object> toJson() {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("change", change);
        e.put("change_ci", new double[]{low, high});
        e.put("disabled_only_correct", test.aOnly());
        e.put("intact_only_correct", test.bOnly());
        e.put("mcnemar_exact_p", test.pValue());
        return e;
    }

    /**
     * How many of the p-values Holm's step-down procedure rejects at family-wise level {@code alpha}.
     */
    public static int holmRejections(double[] pValues, double alpha) {
        double[] p = pValues.clone();
        java.util.Arrays.sort(p);
        int m = p.length;
        for (int k = 0; k < m; k++) if (p[k] > alpha / (m - k)) return k;
        return m;
    }
}
