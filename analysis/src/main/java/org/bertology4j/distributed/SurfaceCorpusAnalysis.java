package org.bertology4j.distributed;

import org.bertology4j.analysis.conllu.Document;
import org.bertology4j.analysis.surface.SurfaceAccumulator;
import org.bertology4j.analysis.surface.SurfaceAnalysis;
import org.bertology4j.weights.BertConfig;

import java.util.Iterator;

/**
 * {@code surface} (Clark et al. 3): attention statistics over two-paragraph segments. Sums of doubles: a distributed
 * run equals a single pass up to summation order. A global cap on the number of segments is not supported (which
 * segments are "the first N" is a sequential notion); limit by documents instead.
 */
final class SurfaceCorpusAnalysis implements CorpusAnalysis<SurfaceAccumulator> {
    static final SurfaceCorpusAnalysis INSTANCE = new SurfaceCorpusAnalysis();

    @Override public String name() { return "surface"; }
    @Override public Unit limitUnit() { return Unit.DOCUMENT; }
    @Override public boolean needsAnnotation() { return false; }

    @Override
    public SurfaceAccumulator create(BertConfig c) { return new SurfaceAccumulator(c.numHiddenLayers(), c.numAttentionHeads()); }

    @Override
    public void run(Iterator<Document> documents, AnalysisModel model, CorpusJob<SurfaceAccumulator> job,
                    SurfaceAccumulator acc, long sentenceCap) {
        SurfaceAnalysis.run(documents, model.encoder(), model.attention(), job.maxPieces(), Long.MAX_VALUE, acc,
                null, null, null, 0, null);
    }

    @Override public void merge(SurfaceAccumulator into, SurfaceAccumulator other) { into.merge(other); }
    @Override public String toJson(SurfaceAccumulator acc) { return acc.toJson().toString(); }
    @Override public SurfaceAccumulator fromJson(String json) { return SurfaceAccumulator.fromJson(Jsons.parse(json, "surface")); }
}
