package org.bertology4j.core.train;

/**
 * Linear warm-up then linear decay to zero: for update s (1-based) of T with W warm-up updates,
 * lr = peak·s/W when s ≤ W, else peak·(T − s)/(T − W).
 */
public record LinearSchedule(double peak, long warmupSteps, long totalSteps) {
    public LinearSchedule {
        if (!(peak > 0)) throw new IllegalArgumentException("peak learning rate must be positive, got " + peak);
        if (totalSteps < 1) throw new IllegalArgumentException("total steps must be at least 1, got " + totalSteps);
        if (warmupSteps < 0 || warmupSteps > totalSteps) {
            throw new IllegalArgumentException("warm-up steps " + warmupSteps + " not in [0, " + totalSteps + "]");
        }
    }

    /** Learning rate of update {@code step} (1-based). */
    public double at(long step) {
        if (step <= warmupSteps) return peak * step / Math.max(1, warmupSteps);
        if (totalSteps == warmupSteps) return peak;
        return peak * Math.max(0, totalSteps - step) / (double) (totalSteps - warmupSteps);
    }
}
