package org.bertology4j.core.grad;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Random;
import java.util.function.DoubleSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Central finite differences against analytic gradients (float64). */
final class FiniteDifferences {
    static final double EPS = 1e-5;
    static final double REL_TOL = 1e-6;

    private FiniteDifferences() {}

    /**
     * Perturbs {@code x} in place (entries chosen by {@code sample}: all when ≤ 0) and compares
     * (f(x+ε) − f(x−ε))/2ε with {@code analytic}; relative error of the compared vectors must be below 1e-6.
     */
    static void check(String what, INDArray x, INDArray analytic, DoubleSupplier f, int sample, long seed) {
        assertEquals(x.length(), analytic.length(), what + ": gradient has " + analytic.length() + " entries for " + x.length());
        INDArray xf = x.reshape(x.length());
        INDArray af = analytic.reshape(analytic.length());
        long n = x.length();
        long[] idx;
        if (sample <= 0 || sample >= n) {
            idx = new long[(int) n];
            for (int i = 0; i < n; i++) idx[i] = i;
        } else {
            // Half anywhere, half among entries with a non-zero analytic gradient (sparse tables such as
            // word embeddings would otherwise often give a vacuous all-zero sample).
            Random r = new Random(seed);
            java.util.List<Long> nonZero = new java.util.ArrayList<>();
            for (long i = 0; i < n; i++) if (af.getDouble(i) != 0) nonZero.add(i);
            idx = new long[sample];
            for (int i = 0; i < sample; i++) {
                idx[i] = i % 2 == 1 && !nonZero.isEmpty() ? nonZero.get(r.nextInt(nonZero.size())) : (long) (r.nextDouble() * n);
            }
        }
        double diff2 = 0, num2 = 0, ana2 = 0;
        for (long i : idx) {
            double old = xf.getDouble(i);
            xf.putScalar(i, old + EPS);
            double fp = f.getAsDouble();
            xf.putScalar(i, old - EPS);
            double fm = f.getAsDouble();
            xf.putScalar(i, old);
            double num = (fp - fm) / (2 * EPS);
            double ana = af.getDouble(i);
            diff2 += (num - ana) * (num - ana);
            num2 += num * num;
            ana2 += ana * ana;
        }
        assertTrue(x.getDouble(0) == xf.getDouble(0), "perturbation must act on the array itself");
        double scale = Math.sqrt(Math.max(num2, ana2));
        // Half the sample is taken where the analytic gradient is non-zero, so scale ~0 means the analytic
        // gradient is identically zero (e.g. shift invariance of a softmax); the numeric one must agree.
        if (scale < 1e-8) {
            if (!(Math.sqrt(num2) < 1e-8)) fail(what + ": analytic gradient 0 but numeric " + Math.sqrt(num2));
            return;
        }
        double rel = Math.sqrt(diff2) / scale;
        if (!(rel < REL_TOL)) fail(what + ": relative error " + rel + " (|numeric| " + Math.sqrt(num2) + ", |analytic| " + Math.sqrt(ana2) + ")");
    }

    /** Σ r⊙y, the scalar whose gradient is the VJP with cotangent r. */
    static double dot(INDArray r, INDArray y) {
        return r.reshape(r.length()).mul(y.reshape(y.length())).sumNumber().doubleValue();
    }
}
