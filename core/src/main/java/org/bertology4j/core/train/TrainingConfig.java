package org.bertology4j.core.train;

/**
 * Hyper-parameters of a fine-tuning run.
 *
 * @param epochs          passes over the training set
 * @param batchSize       examples per update
 * @param learningRate    peak learning rate of the linear schedule
 * @param warmupFraction  share of all updates spent warming up (BERT: 0.1)
 * @param weightDecay     AdamW decoupled weight decay (not on biases and LayerNorm)
 * @param clipNorm        global gradient-norm clipping threshold (≤ 0: no clipping)
 * @param dropout         dropout on the pooled output before the classifier
 * @param seed            seed of shuffling and dropout
 * @param checkpointEvery write a checkpoint every this many updates (0: only at the end of each epoch)
 * @param stopAfterSteps  stop (with a checkpoint) after this many updates in total; −1 to run to the end
 */
public record TrainingConfig(int epochs, int batchSize, double learningRate, double warmupFraction, double weightDecay,
                             double clipNorm, double dropout, long seed, int checkpointEvery, long stopAfterSteps) {
    public TrainingConfig {
        if (epochs < 1) throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
        if (batchSize < 1) throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        if (!(learningRate > 0)) throw new IllegalArgumentException("learning rate must be positive, got " + learningRate);
        if (warmupFraction < 0 || warmupFraction > 1) throw new IllegalArgumentException("warm-up fraction must be in [0, 1], got " + warmupFraction);
        if (!(dropout >= 0 && dropout < 1)) throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
        if (checkpointEvery < 0) throw new IllegalArgumentException("checkpoint interval must be ≥ 0, got " + checkpointEvery);
    }

    /** BERT's fine-tuning recipe: 3 epochs, batch 32, lr 2e-5, 10% warm-up, decay 0.01, clip 1.0, dropout 0.1. */
    public static TrainingConfig bertDefaults(long seed) {
        return new TrainingConfig(3, 32, 2e-5, 0.1, 0.01, 1.0, 0.1, seed, 0, -1);
    }

    public TrainingConfig withEpochs(int e) { return new TrainingConfig(e, batchSize, learningRate, warmupFraction, weightDecay, clipNorm, dropout, seed, checkpointEvery, stopAfterSteps); }
    public TrainingConfig withBatchSize(int b) { return new TrainingConfig(epochs, b, learningRate, warmupFraction, weightDecay, clipNorm, dropout, seed, checkpointEvery, stopAfterSteps); }
    public TrainingConfig withLearningRate(double lr) { return new TrainingConfig(epochs, batchSize, lr, warmupFraction, weightDecay, clipNorm, dropout, seed, checkpointEvery, stopAfterSteps); }
    public TrainingConfig withDropout(double d) { return new TrainingConfig(epochs, batchSize, learningRate, warmupFraction, weightDecay, clipNorm, d, seed, checkpointEvery, stopAfterSteps); }
    public TrainingConfig withCheckpointEvery(int n) { return new TrainingConfig(epochs, batchSize, learningRate, warmupFraction, weightDecay, clipNorm, dropout, seed, n, stopAfterSteps); }
    public TrainingConfig withStopAfterSteps(long n) { return new TrainingConfig(epochs, batchSize, learningRate, warmupFraction, weightDecay, clipNorm, dropout, seed, checkpointEvery, n); }
}
