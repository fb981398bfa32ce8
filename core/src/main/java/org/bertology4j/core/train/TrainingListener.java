package org.bertology4j.core.train;

/** Progress callbacks of a {@link Trainer}; both methods default to doing nothing. */
public interface TrainingListener {
    /**
     * After each update.
     *
     * @param step             updates done so far (1-based)
     * @param totalSteps       updates planned
     * @param loss             mean loss of the batch
     * @param examplesPerSecond throughput since this run (or resume) began
     * @param secondsLeft      estimated time to the end of training
     */
    default void onStep(long step, long totalSteps, double loss, double examplesPerSecond, double secondsLeft) {}

    /** After each epoch: dev accuracy (NaN when there is no dev set; for regression, −MSE). */
    default void onEpoch(int epoch, double devScore) {}

    /** A listener that ignores everything. */
    static TrainingListener none() { return new TrainingListener() {}; }
}
