package org.bertology4j.core.deeplift;

/**
 * The logarithmic mean LM(p, q) = (p − q)/(ln p − ln q), LM(p, p) = p, LM(p, 0) = 0, for p, q ≥ 0.
 * It is the exact secant slope of exp in log space: p − q = LM(p, q)·(ln p − ln q), which is what
 * makes the softmax rule complete.
 */
final class LogMean {
    /**
     * |ln p − ln q| below which the secant is replaced by its series: above it, p − q loses at most ~ulp/1e-3 = 2e-13
     * of its relative accuracy to cancellation; below it, the series' truncation (L⁶/5040 < 2e-22) is below rounding.
     */
    private static final double SERIES_BELOW = 1e-3;

    private LogMean() {}

    /**
     * LM(p, q) for p, q ≥ 0 when the caller knows L = ln p − ln q, for instance as the difference of two exponents
     * (p = e^x, q = e^y: L = x − y): one division and no logarithm (Math.log per score was most of the softmax rule's
     * time, profiled). For |L| below 1e-3, q·(e^L − 1)/L from its series, free of the cancellation in p − q. Zero when
     * p = q = 0 (masked entries), whatever L.
     */
    static double withLogDifference(double p, double q, double logDifference) {
        double u = logDifference;
        if (Math.abs(u) >= SERIES_BELOW) return (p - q) / u;
        // (e^u − 1)/u = 1 + u/2 + u²/6 + u³/24 + u⁴/120 + u⁵/720
        return q * (1 + u * (0.5 + u * (1.0 / 6 + u * (1.0 / 24 + u * (1.0 / 120 + u * (1.0 / 720))))));
    }
}
