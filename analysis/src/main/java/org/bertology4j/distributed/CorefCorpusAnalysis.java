package org.bertology4j.distributed;

import org.bertology4j.analysis.conllu.Document;
import org.bertology4j.analysis.coref.CorefAccumulator;
import org.bertology4j.analysis.coref.CorefAnalysis;
import org.bertology4j.analysis.conllu.ConlluCounts;
import org.bertology4j.weights.BertConfig;

import java.util.Iterator;

/**
 * {@code coref} (Clark et al. 4.3): segments never cross documents, and the counts are integers. Progress and resuming
 * count documents; each document's segments go to the engine in one batched call.
 */
final class CorefCorpusAnalysis implements CorpusAnalysis<CorefAccumulator> {
    static final CorefCorpusAnalysis INSTANCE = new CorefCorpusAnalysis();

    @Override public String name() { return "coref"; }
    @Override public Unit limitUnit() { return Unit.DOCUMENT; }
    @Override public String progressUnit() { return "doc"; }
    @Override public boolean needsAnnotation() { return true; }

    @Override
    public long progressTotal(ConlluCounts.Counts counts, CorpusJob<CorefAccumulator> job) {
        return CorpusAnalysis.capped(Math.max(1, counts.documents()), job.limit());
    }

    @Override
    public CorefAccumulator create(BertConfig c) { return new CorefAccumulator(c.numHiddenLayers(), c.numAttentionHeads()); }

    @Override
    public void run(Iterator<Document> documents, AnalysisModel model, CorpusJob<CorefAccumulator> job,
                    CorefAccumulator acc, Slice slice, long skip, Units units) {
        CorefAnalysis.run(documents, model.encoder(), model.attention(), job.maxPieces(), acc, skip, a -> units.done(1));
    }

    @Override public void merge(CorefAccumulator into, CorefAccumulator other) { into.merge(other); }
    @Override public String toJson(CorefAccumulator acc) { return acc.toJson().toString(); }
    @Override public CorefAccumulator fromJson(String json) { return CorefAccumulator.fromJson(Jsons.parse(json, "coref")); }
}
