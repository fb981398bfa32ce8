package org.bertology4j.analysis.flow;

import org.bertology4j.analysis.conllu.Sentence;

import java.util.function.LongConsumer;

/**
 * Runs the information-flow study over a sentence stream: the first {@link FlowAccumulator#sentencesSeen()}
 * sentences are passed over (they are already in the accumulator when resuming), every other sentence goes
 * through the {@link FlowSource} into the accumulator. A small in-memory driver over any {@link FlowSource} (e.g. a
 * synthetic one in tests); the commands run the study resumably through {@link org.bertology4j.corpus.CorpusRunner}
 * ({@link org.bertology4j.distributed.CorpusAnalyses#flow()}), which owns the checkpoints.
 */
public final class FlowStudy {
    private final FlowSource source;
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

    /** Processes the sentences into {@code acc} (also returned). */
    public FlowAccumulator run(Iterable<Sentence> sentences, FlowAccumulator acc) {
        long index = 0;
        long done = acc.sentencesSeen();
        for (Sentence s : sentences) {
            if (index++ < done) continue;
            FlowMaps maps = source.compute(s);
            if (maps == null) acc.skip(); else acc.add(s, maps);
            progress.accept(acc.sentencesSeen());
        }
        return acc;
    }
}
