package org.bertology4j.analysis.flow;

import org.bertology4j.analysis.conllu.Sentence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.function.LongConsumer;

/**
 * Runs the information-flow study over a sentence stream: the first {@link FlowAccumulator#sentencesSeen()}
 * sentences are passed over (they are already in the accumulator when resuming), every other sentence goes
 * through the {@link FlowSource} into the accumulator.
 */
public final class FlowStudy {
    private final FlowSource source;
    private Path checkpoint;
    private int checkpointEvery;
    private LongConsumer progress = n -> {};

    /** A study drawing maps from {@code source}. */
    public FlowStudy(FlowSource source) {
        this.source = source;
    }

    /** Called with the number of sentences consumed so far after each sentence (e.g. to drive a progress bar). */
    public FlowStudy progress(LongConsumer callback) {
        this.progress = callback;
        return this;
    }

    /** Saves the accumulator to {@code file} every {@code every} sentences and at the end. */
    public FlowStudy checkpoint(Path file, int every) {
        if (every < 1) throw new IllegalArgumentException("checkpoint interval must be positive: " + every);
        this.checkpoint = file;
        this.checkpointEvery = every;
        return this;
    }

    /**
     * Processes the sentences into {@code acc} (also returned).
     *
     * @throws UncheckedIOException when a checkpoint cannot be written
     */
    public FlowAccumulator run(Iterable<Sentence> sentences, FlowAccumulator acc) {
        long index = 0;
        long done = acc.sentencesSeen();
        for (Sentence s : sentences) {
            if (index++ < done) continue;
            FlowMaps maps = source.compute(s);
            if (maps == null) acc.skip(); else acc.add(s, maps);
            progress.accept(acc.sentencesSeen());
            if (checkpoint != null && acc.sentencesSeen() % checkpointEvery == 0) save(acc);
        }
        if (checkpoint != null) save(acc);
        return acc;
    }

    private void save(FlowAccumulator acc) {
        try {
            acc.save(checkpoint);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write flow checkpoint " + checkpoint, e);
        }
    }
}
