package org.bertology4j.distributed;

import org.bertology4j.analysis.conllu.Document;
import org.bertology4j.analysis.surface.AttentionGradientSource;
import org.bertology4j.analysis.surface.EngineMaskedLmGradients;
import org.bertology4j.analysis.surface.SurfaceAnalysis;
import org.bertology4j.analysis.surface.SurfacePass;
import org.bertology4j.weights.BertConfig;

import java.util.Iterator;

/**
 * {@code surface} (Clark et al. 3) and {@code cluster} (section 6): one pass over two-paragraph segments, as
 * {@link SurfacePass} (cluster adds the Jensen-Shannon distances). Sums of doubles: a distributed run equals a single
 * pass up to summation order. A global cap on the number of segments is not supported (which segments are "the
 * first N" is a sequential notion); limit by documents instead.
 *
 * <p>Options: {@code gradients} ({@code true}/{@code false}, default false: also the masked-LM attention gradients,
 * one backward pass per segment) and {@code seed} (masking seed, default 0; the masked positions depend only on the
 * seed, the document id and the segment's index in its document, so shards mask exactly as one pass does).
 */
final class SurfaceCorpusAnalysis implements CorpusAnalysis<SurfacePass> {
    static final SurfaceCorpusAnalysis SURFACE = new SurfaceCorpusAnalysis("surface", false);
    static final SurfaceCorpusAnalysis CLUSTER = new SurfaceCorpusAnalysis("cluster", true);

    private final String name;
    private final boolean withDistances;

    private SurfaceCorpusAnalysis(String name, boolean withDistances) {
        this.name = name;
        this.withDistances = withDistances;
    }

    @Override public String name() { return name; }
    @Override public Unit limitUnit() { return Unit.DOCUMENT; }
    @Override public boolean needsAnnotation() { return false; }

    @Override
    public SurfacePass create(BertConfig c) {
        return SurfacePass.create(c.numHiddenLayers(), c.numAttentionHeads(), withDistances, false);
    }

    @Override
    public SurfacePass createFor(BertConfig c, CorpusJob<SurfacePass> job) {
        return SurfacePass.create(c.numHiddenLayers(), c.numAttentionHeads(), withDistances, gradients(job));
    }

    @Override
    public void run(Iterator<Document> documents, AnalysisModel model, CorpusJob<SurfacePass> job, SurfacePass acc, Slice slice) {
        AttentionGradientSource grads = acc.gradients() == null ? null
                : new EngineMaskedLmGradients(model.model(), model.tokenizer().vocabulary().maskId());
        SurfaceAnalysis.run(documents, model.encoder(), model.attention(), grads, job.maxPieces(), Long.MAX_VALUE, acc,
                Long.parseLong(job.option("seed", "0")), null);
    }

    private static boolean gradients(CorpusJob<?> job) { return Boolean.parseBoolean(job.option("gradients", "false")); }

    @Override public void merge(SurfacePass into, SurfacePass other) { into.merge(other); }
    @Override public String toJson(SurfacePass acc) { return acc.toJson().toString(); }
    @Override public SurfacePass fromJson(String json) { return SurfacePass.fromJson(Jsons.parse(json, name)); }
}
