package org.bertology4j.analysis.kovaleva;

import org.bertology4j.core.train.TrainingListener;

import java.util.function.Consumer;

/** A progress line every few updates (loss, examples/s, time left) and each epoch's dev score, to a log. */
public final class TrainingProgress implements TrainingListener {
    private final Consumer<String> log;
    private long lastPrint;

    /** Progress lines to {@code log}. */
    public TrainingProgress(Consumer<String> log) { this.log = log; }

    @Override
    public void onStep(long step, long total, double loss, double rate, double secondsLeft) {
        long now = System.nanoTime();
        if (step == total || now - lastPrint > 10e9 || step <= 3) {
            lastPrint = now;
            log.accept(String.format("update %d/%d  loss %.4f  %.1f examples/s  %s left", step, total, loss, rate,
                    duration(secondsLeft)));
        }
    }

    @Override
    public void onEpoch(int epoch, double score) {
        log.accept(String.format("epoch %d: dev score %.4f", epoch, score));
    }

    static String duration(double s) {
        long x = Math.round(s);
        return x >= 3600 ? String.format("%dh%02dm", x / 3600, x / 60 % 60) : String.format("%dm%02ds", x / 60, x % 60);
    }
}
