package org.bertology4j.bench;

import java.util.Arrays;

/** The median of timings, the figure every bench reports (robust to the slow spells of a shared machine). */
public final class Median {
    private Median() {}

    /** The median of {@code values} (mean of the two middle values for an even count); the array is not modified. */
    public static double of(double[] values) {
        if (values.length == 0) throw new IllegalArgumentException("median of no values");
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
    }
}
