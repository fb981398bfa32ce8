package org.bertology4j.distributed;

import org.bertology4j.analysis.conllu.Document;
import org.bertology4j.analysis.conllu.Sentence;
import org.bertology4j.analysis.flow.EngineFlowSource;
import org.bertology4j.analysis.flow.FlowAccumulator;
import org.bertology4j.analysis.flow.FlowMaps;
import org.bertology4j.analysis.flow.SentenceSample;
import org.bertology4j.analysis.conllu.ConlluCounts;
import org.bertology4j.corpus.Limited;
import org.bertology4j.weights.BertConfig;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * {@code flow} (the information-flow study behind {@code flow-coref}, {@code flow-pos} and {@code flow-deps}):
 * A_n, G_n and G*_n per sentence into a {@link FlowAccumulator}, whose shards merge in corpus order.
 *
 * <p>Options: {@code every} (analyse the sentences whose 0-based index in the whole corpus is a multiple of K,
 * default 1; the slice's {@link Slice#firstSentence()} makes the sample the same as one pass's), or a seeded random
 * sample ({@link SentenceSample}: {@code sample-seed}, {@code sample-threshold} in hex and {@code sample-size}, the
 * number of sentences it selects; {@link #withSample}), whose sentences are analysed in hash order so that a run
 * stopped early holds a random sample too; and {@code measure} ({@code ones}, default, or {@code frobenius}). A limit
 * counts corpus sentences (sampled or not); progress and resuming count the sampled sentences.
 */
final class FlowCorpusAnalysis implements CorpusAnalysis<FlowAccumulator> {
    static final FlowCorpusAnalysis INSTANCE = new FlowCorpusAnalysis();

    @Override public String name() { return "flow"; }
    @Override public Unit limitUnit() { return Unit.SENTENCE; }
    @Override public boolean needsAnnotation() { return true; }
    @Override public String progressUnit() { return "sent"; }

    @Override
    public long progressTotal(ConlluCounts.Counts counts, CorpusJob<FlowAccumulator> job) {
        SentenceSample sample = sample(job);
        if (sample != null) return job.limit() < 0 ? sample.selected() : -1;
        long every = every(job);
        return (CorpusAnalysis.capped(counts.sentences(), job.limit()) + every - 1) / every;
    }

    /** {@code job} analysing the seeded random sample {@code sample} of its corpus (instead of every K-th sentence). */
    static CorpusJob<FlowAccumulator> withSample(CorpusJob<FlowAccumulator> job, SentenceSample sample) {
        return job.withOption("sample-seed", sample.seed()).withOption("sample-threshold", sample.thresholdHex())
                .withOption("sample-size", sample.selected());
    }

    /** The job's random sample, or null when it has none. */
    static SentenceSample sample(CorpusJob<?> job) {
        String t = job.option("sample-threshold", null);
        if (t == null) return null;
        if (every(job) != 1) throw new IllegalArgumentException("flow: a random sample and every " + every(job) + " cannot be combined");
        long seed = Long.parseLong(job.option("sample-seed", "1"));
        long size = Long.parseLong(job.option("sample-size", "-1"));
        return new SentenceSample(seed, SentenceSample.parseThreshold(t), size, -1);
    }

    private static int every(CorpusJob<?> job) {
        int every = Integer.parseInt(job.option("every", "1"));
        if (every < 1) throw new IllegalArgumentException("flow option every must be at least 1 (got " + every + ")");
        return every;
    }

    @Override
    public FlowAccumulator create(BertConfig c) { return new FlowAccumulator(c.numHiddenLayers()); }

    @Override
    public void run(Iterator<Document> documents, AnalysisModel model, CorpusJob<FlowAccumulator> job,
                    FlowAccumulator acc, Slice slice, long skip, Units units) {
        int every = every(job);
        EngineFlowSource source = new EngineFlowSource(model.model(), model.tokenizer(),
                EngineFlowSource.measure(job.option("measure", "ones")), job.maxPieces(), model.time());
        Iterator<Sentence> sentences = Limited.of(DocumentSentences.of(documents), slice.sentenceCap());
        SentenceSample sample = sample(job);
        if (sample != null) {
            // the slice's sample in hash order: a prefix of the run is a random sample of its size
            List<Sentence> chosen = new ArrayList<>();
            sentences.forEachRemaining(s -> {
                if (sample.contains(s)) chosen.add(s);
            });
            chosen.sort(sample.order());
            sentences = chosen.iterator();
        }
        long index = slice.firstSentence(), sampled = 0;
        while (sentences.hasNext()) {
            Sentence s = sentences.next();
            if (sample == null && index++ % every != 0) continue;
            if (sampled++ < skip) continue;
            FlowMaps maps = source.compute(s);
            if (maps == null) acc.skip(); else acc.add(s, maps);
            units.done(1);
        }
    }


    @Override public void merge(FlowAccumulator into, FlowAccumulator other) { into.merge(other); }
    @Override public String toJson(FlowAccumulator acc) { return acc.toJson(); }
    @Override public FlowAccumulator fromJson(String json) { return FlowAccumulator.fromJson(json); }
}
