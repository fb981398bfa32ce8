package org.bertology4j.cli;

import org.bertology4j.analysis.surface.Segments;
import org.bertology4j.analysis.surface.SurfacePass;
import org.bertology4j.distributed.CorpusAnalysis;
import org.bertology4j.distributed.CorpusJob;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code --max-sequences} and {@code --segments} of {@code surface} and {@code cluster}, which share one pass over paragraph pairs, and their job. */
final class SegmentOptions {
    @Option(names = "--max-sequences", paramLabel = "N", defaultValue = "1000",
            description = "Stop after N paragraph-pair sequences (Clark et al. used 1000; in cluster each costs ~1.7e8 "
                    + "logarithms for 144 heads). Default: ${DEFAULT-VALUE}.")
    long maxSequences = 1000;

    @Option(names = "--segments", paramLabel = "KIND", defaultValue = "paragraph-pairs",
            description = "How documents become [CLS] A [SEP] B [SEP] inputs: paragraph-pairs (two consecutive # newpar "
                    + "paragraphs that fit) or filled (consecutive sentences up to --max-pieces, split at a random sentence, "
                    + "as BERT's pre-training data and the authors' released preprocessing). Default: ${DEFAULT-VALUE}.")
    String segments = "paragraph-pairs";

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    /**
     * The job of the shared pass: in this process the first {@code --max-sequences} segments; through Spark every
     * segment of the documents (a sequence cap is refused there, see docs/spark.md).
     */
    CorpusJob<SurfacePass> job(CorpusAnalysis<SurfacePass> analysis, CorpusOptions corpus) {
        CorpusJob<SurfacePass> job = corpus.job(analysis);
        // the default stays out of the job, so the checkpoints of earlier runs keep their identity
        if (!segments.equals(Segments.PARAGRAPH_PAIRS.label())) job = job.withOption("segments", Segments.of(segments).label());
        if (!corpus.spark.enabled()) return job.withOption("max-sequences", maxSequences);
        if (spec.commandLine().getParseResult().hasMatchedOption("--max-sequences")) {
            throw new ParameterException(spec.commandLine(), "--max-sequences is a sequential cap and cannot be used with --spark, "
                    + "which analyses every segment of the documents; limit the documents with --limit N instead");
        }
        return job;
    }
}
