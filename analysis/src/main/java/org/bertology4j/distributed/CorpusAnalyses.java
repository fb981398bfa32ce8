package org.bertology4j.distributed;

import java.util.List;

/** The corpus analyses a distributed runner can run, by CLI name. */
public final class CorpusAnalyses {
    private static final List<CorpusAnalysis<?>> ALL = List.of(HeadsCorpusAnalysis.INSTANCE,
            CorefCorpusAnalysis.INSTANCE, SurfaceCorpusAnalysis.SURFACE, SurfaceCorpusAnalysis.CLUSTER, FlowCorpusAnalysis.INSTANCE);

    private CorpusAnalyses() {}

    /** Names of the analyses. */
    public static List<String> names() { return ALL.stream().map(CorpusAnalysis::name).toList(); }

    /** The analysis called {@code name}; the message lists the known ones otherwise. */
    public static CorpusAnalysis<?> named(String name) {
        for (CorpusAnalysis<?> a : ALL) if (a.name().equals(name)) return a;
        throw new IllegalArgumentException("no distributed corpus analysis '" + name + "' (known: " + names() + ")");
    }

    /** {@code heads}: single heads as dependency parsers. */
    public static CorpusAnalysis<org.bertology4j.analysis.heads.HeadsAccumulator> heads() { return HeadsCorpusAnalysis.INSTANCE; }

    /** {@code coref}: heads as coreference resolvers. */
    public static CorpusAnalysis<org.bertology4j.analysis.coref.CorefAccumulator> coref() { return CorefCorpusAnalysis.INSTANCE; }

    /** {@code surface}: surface-level attention statistics (option {@code gradients}: also the masked-LM gradients). */
    public static CorpusAnalysis<org.bertology4j.analysis.surface.SurfacePass> surface() { return SurfaceCorpusAnalysis.SURFACE; }

    /** {@code cluster}: Jensen-Shannon distances between heads (with the surface statistics of the same pass). */
    public static CorpusAnalysis<org.bertology4j.analysis.surface.SurfacePass> cluster() { return SurfaceCorpusAnalysis.CLUSTER; }

    /** {@code flow}: the information-flow study (options {@code every} and {@code measure}, or a random sample: {@link #flowSample}). */
    public static CorpusAnalysis<org.bertology4j.analysis.flow.FlowAccumulator> flow() { return FlowCorpusAnalysis.INSTANCE; }

    /**
     * A {@link #flow()} job on the seeded random sample {@code sample} of its corpus instead of every K-th sentence
     * (the study's "500 ... random sentences"), analysed in hash order.
     */
    public static CorpusJob<org.bertology4j.analysis.flow.FlowAccumulator> flowSample(
            CorpusJob<org.bertology4j.analysis.flow.FlowAccumulator> job, org.bertology4j.analysis.flow.SentenceSample sample) {
        return FlowCorpusAnalysis.withSample(job, sample);
    }
}
