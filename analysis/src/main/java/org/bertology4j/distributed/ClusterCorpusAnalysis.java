package org.bertology4j.distributed;

import org.bertology4j.analysis.cluster.JensenShannonAccumulator;
import org.bertology4j.analysis.conllu.Document;
import org.bertology4j.analysis.surface.SurfaceAccumulator;
import org.bertology4j.analysis.surface.SurfaceAnalysis;
import org.bertology4j.weights.BertConfig;

import java.util.Iterator;

/**
 * {@code cluster} (Clark et al. 6): Jensen-Shannon distances between heads over the same two-paragraph segments as
 * {@code surface}. Sums of doubles, merged up to summation order.
 */
final class ClusterCorpusAnalysis implements CorpusAnalysis<JensenShannonAccumulator> {
    static final ClusterCorpusAnalysis INSTANCE = new ClusterCorpusAnalysis();

    @Override public String name() { return "cluster"; }
    @Override public Unit limitUnit() { return Unit.DOCUMENT; }
    @Override public boolean needsAnnotation() { return false; }

    @Override
    public JensenShannonAccumulator create(BertConfig c) { return new JensenShannonAccumulator(c.numHiddenLayers(), c.numAttentionHeads()); }

    @Override
    public void run(Iterator<Document> documents, AnalysisModel model, CorpusJob<JensenShannonAccumulator> job,
                    JensenShannonAccumulator acc, long sentenceCap) {
        BertConfig c = model.model().config();
        // The surface statistics come for free with the same passes; cluster keeps only the distances.
        SurfaceAnalysis.run(documents, model.encoder(), model.attention(), job.maxPieces(), Long.MAX_VALUE,
                new SurfaceAccumulator(c.numHiddenLayers(), c.numAttentionHeads()), acc, null, null, 0, null);
    }

    @Override public void merge(JensenShannonAccumulator into, JensenShannonAccumulator other) { into.merge(other); }
    @Override public String toJson(JensenShannonAccumulator acc) { return acc.toJson().toString(); }
    @Override public JensenShannonAccumulator fromJson(String json) { return JensenShannonAccumulator.fromJson(Jsons.parse(json, "cluster")); }
}
