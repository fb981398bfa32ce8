package org.bertology4j.distributed;

import org.bertology4j.analysis.conllu.Document;
import org.bertology4j.analysis.conllu.ConlluCounts;
import org.bertology4j.weights.BertConfig;

import java.util.Iterator;

/**
 * A corpus study as the pipeline runs it, in process ({@link org.bertology4j.corpus.CorpusRunner}) and on a cluster
 * ({@link DistributedRunner}): an accumulator that is created empty, fed whole documents, written to and read from
 * JSON (what a checkpoint holds and what crosses the wire: accumulators need not be {@code Serializable}) and merged.
 * Implementations are stateless singletons found by name through {@link CorpusAnalyses}.
 *
 * @param <A> the accumulator type
 */
public interface CorpusAnalysis<A> {
    /** What a {@code --limit} counts for this analysis. */
    enum Unit { SENTENCE, DOCUMENT }

    /** Told after each unit of progress (see {@link #progressUnit()}), when the accumulator is consistent. */
    @FunctionalInterface
    interface Units {
        /** Ignores the progress. */
        Units IGNORE = n -> {};

        /** {@code units} more units are in the accumulator. */
        void done(long units);
    }

    /** The CLI command name ({@code heads}, {@code coref}, ...). */
    String name();

    /** What {@code --limit} counts. */
    Unit limitUnit();

    /** What progress and resuming count: {@code sent}, {@code doc} or {@code seq}. */
    String progressUnit();

    /** Units of progress in a whole run of {@code job} over a corpus with these counts ({@code -1}: unknown). */
    long progressTotal(ConlluCounts.Counts counts, CorpusJob<A> job);

    /** Longest input in word pieces unless a job sets it: 128 (the segments of Clark et al.); heads: 512. */
    default int defaultMaxPieces() { return 128; }

    /** Whether the analysis needs gold CoNLL-U annotation (then {@link CorpusFormat#TEXT} is refused). */
    boolean needsAnnotation();

    /** An empty accumulator for a model of this shape. */
    A create(BertConfig config);

    /** An empty accumulator for a model of this shape and the options of {@code job} (default: {@link #create}). */
    default A createFor(BertConfig config, CorpusJob<A> job) { return create(config); }

    /**
     * Adds the documents of one slice to {@code acc}.
     *
     * @param slice where the documents lie in the corpus: {@link Slice#sentenceCap()} (stop after this many
     *              sentences, {@code -1}: no cap; only for {@link Unit#SENTENCE}) and {@link Slice#firstSentence()}
     * @param skip  units of progress already in {@code acc} (a resumed run): passed over, not added again
     * @param units told after each unit of progress
     */
    void run(Iterator<Document> documents, AnalysisModel model, CorpusJob<A> job, A acc, Slice slice, long skip, Units units);

    /** Adds the documents of one slice to a fresh {@code acc}. */
    default void run(Iterator<Document> documents, AnalysisModel model, CorpusJob<A> job, A acc, Slice slice) {
        run(documents, model, job, acc, slice, 0, Units.IGNORE);
    }

    /** Adds all {@code documents}, read from the start of a corpus, to {@code acc}. */
    default void run(Iterator<Document> documents, AnalysisModel model, CorpusJob<A> job, A acc) {
        run(documents, model, job, acc, Slice.whole());
    }

    /** {@code other}'s counts added into {@code into}. */
    void merge(A into, A other);

    /** The accumulator's full state as JSON text. */
    String toJson(A acc);

    /** An accumulator restored from {@link #toJson}; the message names the problem when the text is not one. */
    A fromJson(String json);

    /** {@code limit} capped at {@code n} ({@code limit < 0}: {@code n}). */
    static long capped(long n, long limit) { return limit < 0 ? n : Math.min(n, limit); }
}
