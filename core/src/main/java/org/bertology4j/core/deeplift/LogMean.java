package org.bertology4j.core.deeplift;

/**
 * The logarithmic mean LM(p, q) = (p − q)/(ln p − ln q), LM(p, p) = p, LM(p, 0) = 0, for p, q ≥ 0.
 * It is the exact secant slope of exp in log space: p − q = LM(p, q)·(ln p − ln q), which is what
 * makes the softmax rule complete.
 */
final class LogMean {
    private LogMean() {}

    /** LM(p, q) for non-negative p, q, accurate to a few ulps also when p ≈ q. */
    static double of(double p, double q) {
        if (p == q) return p;
        if (p <= 0 || q <= 0) return 0;
        double diff = p - q, u = diff / q;
        // ln p − ln q = log1p(u) without the cancellation of two nearly equal logs: for |u| < 1e-3 its series to
        // u⁵ (truncation u⁶/6 < 2e-19, below double rounding), else ln(p/q), whose rounding error relative to
        // log1p(u) is at most ~ulp/|u| = 2e-13. (Math.log1p is not a JIT intrinsic: it was ~10% of a DeepLIFT
        // attribution on BERT-base, profiled; Math.log is.)
        double log = Math.abs(u) < 1e-3 ? u * (1 - u * (0.5 - u * (1.0 / 3 - u * (0.25 - u * 0.2)))) : Math.log(p / q);
        return diff / log;
    }
}
