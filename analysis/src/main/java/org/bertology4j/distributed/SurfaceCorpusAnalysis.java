package org.bertology4j.distributed;

import org.bertology4j.analysis.conllu.Document;
import org.bertology4j.analysis.surface.AttentionGradientSource;
import org.bertology4j.analysis.surface.EngineMaskedLmGradients;
import org.bertology4j.analysis.surface.SurfaceAnalysis;
import org.bertology4j.analysis.surface.SurfacePass;
import org.bertology4j.analysis.surface.Segments;
import org.bertology4j.analysis.conllu.ConlluCounts;
import org.bertology4j.weights.BertConfig;

import java.util.Iterator;

/**
 * {@code surface} (Clark et al. 3) and {@code cluster} (section 6): one pass over two-paragraph segments, as
 * {@link SurfacePass} (cluster adds the Jensen-Shannon distances). Sums of doubles: a distributed run equals a single
 * pass up to summation order. Progress and resuming count segments (sequences).
 *
 * <p>A cap on the number of segments ({@code max-sequences}) is a sequential notion (which segments are "the first
 * N"): an in-process run honours it, a distributed run refuses it; limit by documents instead.
 *
 * <p>Options: {@code gradients} ({@code true}/{@code false}, default false: also the masked-LM attention gradients,
 * one backward pass per segment), {@code segments} ({@code paragraph-pairs}, the default, or {@code filled}: see
 * {@link Segments}), {@code max-sequences} (stop after this many segments, default: all) and {@code seed} (masking seed, default 0; the masked positions depend only on the
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
    @Override public String progressUnit() { return "seq"; }

    @Override
    public long progressTotal(ConlluCounts.Counts counts, CorpusJob<SurfacePass> job) {
        return Long.parseLong(job.option("max-sequences", "-1"));
    }

    @Override
    public SurfacePass create(BertConfig c) {
        return SurfacePass.create(c.numHiddenLayers(), c.numAttentionHeads(), withDistances, false);
    }

    @Override
    public SurfacePass createFor(BertConfig c, CorpusJob<SurfacePass> job) {
        return SurfacePass.create(c.numHiddenLayers(), c.numAttentionHeads(), withDistances, gradients(job));
    }

    @Override
    public void run(Iterator<Document> documents, AnalysisModel model, CorpusJob<SurfacePass> job, SurfacePass acc,
                    Slice slice, long skip, Units units) {
        // the pass knows how many segments it holds: SurfaceAnalysis passes over that many (= skip)
        AttentionGradientSource grads = acc.gradients() == null ? null
                : new EngineMaskedLmGradients(model.model(), model.tokenizer().vocabulary().maskId());
        long cap = Long.parseLong(job.option("max-sequences", "-1"));
        SurfaceAnalysis.run(documents, model.encoder(), model.attention(), grads,
                Segments.of(job.option("segments", Segments.PARAGRAPH_PAIRS.label())), job.maxPieces(),
                cap < 0 ? Long.MAX_VALUE : cap, acc, Long.parseLong(job.option("seed", "0")), s -> units.done(1));
    }

    private static boolean gradients(CorpusJob<?> job) { return Boolean.parseBoolean(job.option("gradients", "false")); }

    @Override public void merge(SurfacePass into, SurfacePass other) { into.merge(other); }
    @Override public String toJson(SurfacePass acc) { return acc.toJson().toString(); }
    @Override public SurfacePass fromJson(String json) { return SurfacePass.fromJson(Jsons.parse(json, name)); }
}
