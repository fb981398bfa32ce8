package org.bertology4j.distributed;

import org.bertology4j.analysis.conllu.Document;
import org.bertology4j.analysis.conllu.Sentence;
import org.bertology4j.analysis.heads.HeadsAccumulator;
import org.bertology4j.analysis.heads.HeadsAnalysis;
import org.bertology4j.corpus.Limited;
import org.bertology4j.weights.BertConfig;

import java.util.Iterator;

/** {@code heads} (Clark et al. 4.2): exact integer counts, so distributed and single-process results are equal. */
final class HeadsCorpusAnalysis implements CorpusAnalysis<HeadsAccumulator> {
    static final HeadsCorpusAnalysis INSTANCE = new HeadsCorpusAnalysis();

    @Override public String name() { return "heads"; }
    @Override public Unit limitUnit() { return Unit.SENTENCE; }
    @Override public boolean needsAnnotation() { return true; }

    @Override
    public HeadsAccumulator create(BertConfig c) { return new HeadsAccumulator(c.numHiddenLayers(), c.numAttentionHeads()); }

    @Override
    public void run(Iterator<Document> documents, AnalysisModel model, CorpusJob<HeadsAccumulator> job,
                    HeadsAccumulator acc, Slice slice) {
        Iterable<Sentence> sentences = () -> DocumentSentences.of(documents);
        HeadsAnalysis.run(Limited.of(sentences, slice.sentenceCap()), model.encoder(), model.attention(), job.maxPieces(), acc, null);
    }

    @Override public void merge(HeadsAccumulator into, HeadsAccumulator other) { into.merge(other); }
    @Override public String toJson(HeadsAccumulator acc) { return acc.toJson().toString(); }
    @Override public HeadsAccumulator fromJson(String json) { return HeadsAccumulator.fromJson(Jsons.parse(json, "heads")); }
}
