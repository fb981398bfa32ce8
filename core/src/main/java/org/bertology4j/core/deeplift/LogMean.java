package org.bertology4j.core.deeplift;

/**
 * The logarithmic mean LM(p, q) = (p − q)/(ln p − ln q), LM(p, p) = p, LM(p, 0) = 0, for p, q ≥ 0.
 * It is the exact secant slope of exp in log space: p − q = LM(p, q)·(ln p − ln q), which is what
 * makes the softmax rule complete.
 */
public final class LogMean {
    private LogMean() {}

    /** LM(p, q) for non-negative p, q, accurate to a few ulps also when p ≈ q. */
    public static double of(double p, double q) {
        if (p == q) return p;
        if (p <= 0 || q <= 0) return 0;
        double diff = p - q;
        // log1p((p−q)/q) = ln p − ln q without the cancellation of two nearly equal logs.
        return diff / Math.log1p(diff / q);
    }
}
