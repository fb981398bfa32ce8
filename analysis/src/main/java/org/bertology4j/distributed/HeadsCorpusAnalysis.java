package org.bertology4j.distributed;

import org.bertology4j.analysis.conllu.Document;
import org.bertology4j.analysis.conllu.Sentence;
import org.bertology4j.analysis.heads.HeadsAccumulator;
import org.bertology4j.analysis.heads.HeadsAnalysis;
import org.bertology4j.analysis.conllu.ConlluCounts;
import org.bertology4j.corpus.Limited;
import org.bertology4j.weights.BertConfig;

import java.util.Iterator;

/**
 * {@code heads} (Clark et al. 4.2): exact integer counts, so distributed and single-process results are equal.
 *
 * <p>Options: {@code block} (sentences sent to the engine together, default 64) and {@code token-budget} (batch size
 * x padded length of one forward pass, default 2048).
 */
final class HeadsCorpusAnalysis implements CorpusAnalysis<HeadsAccumulator> {
    static final HeadsCorpusAnalysis INSTANCE = new HeadsCorpusAnalysis();

    @Override public String name() { return "heads"; }
    @Override public Unit limitUnit() { return Unit.SENTENCE; }
    @Override public String progressUnit() { return "sent"; }
    @Override public int defaultMaxPieces() { return 512; }
    @Override public boolean needsAnnotation() { return true; }

    @Override
    public long progressTotal(ConlluCounts.Counts counts, CorpusJob<HeadsAccumulator> job) {
        return CorpusAnalysis.capped(counts.sentences(), job.limit());
    }

    @Override
    public HeadsAccumulator create(BertConfig c) { return new HeadsAccumulator(c.numHiddenLayers(), c.numAttentionHeads()); }

    @Override
    public void run(Iterator<Document> documents, AnalysisModel model, CorpusJob<HeadsAccumulator> job,
                    HeadsAccumulator acc, Slice slice, long skip, Units units) {
        // the accumulator knows how many sentences it holds: HeadsAnalysis passes over that many (= skip)
        Iterable<Sentence> sentences = () -> DocumentSentences.of(documents);
        HeadsAnalysis.run(Limited.of(sentences, slice.sentenceCap()), model.encoder(),
                model.attention(Integer.parseInt(job.option("token-budget", "2048"))), job.maxPieces(),
                Integer.parseInt(job.option("block", "64")), acc, a -> units.done(1));
    }

    @Override public void merge(HeadsAccumulator into, HeadsAccumulator other) { into.merge(other); }
    @Override public String toJson(HeadsAccumulator acc) { return acc.toJson().toString(); }
    @Override public HeadsAccumulator fromJson(String json) { return HeadsAccumulator.fromJson(Jsons.parse(json, "heads")); }
}
