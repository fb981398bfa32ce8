package org.bertology4j.distributed;

import org.bertology4j.analysis.conllu.Document;
import org.bertology4j.weights.BertConfig;

import java.util.Iterator;

/**
 * A corpus analysis as a distributed runner sees it: an accumulator that is created empty, fed whole documents,
 * written to and read from JSON (what crosses the wire: accumulators need not be {@code Serializable}) and merged.
 * Implementations are stateless singletons found by name through {@link CorpusAnalyses}.
 *
 * @param <A> the accumulator type
 */
public interface CorpusAnalysis<A> {
    /** What a {@code --limit} counts for this analysis. */
    enum Unit { SENTENCE, DOCUMENT }

    /** The CLI command name ({@code heads}, {@code coref}, ...). */
    String name();

    /** What {@code --limit} counts. */
    Unit limitUnit();

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
     */
    void run(Iterator<Document> documents, AnalysisModel model, CorpusJob<A> job, A acc, Slice slice);

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
}
