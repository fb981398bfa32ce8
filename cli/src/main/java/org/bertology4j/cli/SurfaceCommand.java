package org.bertology4j.cli;

import org.bertology4j.analysis.surface.SurfacePass;
import org.bertology4j.analysis.surface.SurfaceStudy;
import org.bertology4j.distributed.CorpusAnalyses;
import org.bertology4j.distributed.CorpusAnalysis;
import org.bertology4j.distributed.CorpusJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.util.concurrent.Callable;

/**
 * {@code surface}: Clark et al. section 3, per-head surface statistics over paragraph pairs and the masked-LM
 * attention gradients per layer ({@link SurfaceStudy}).
 */
@Command(name = "surface", description = "Per-head surface statistics of attention (Clark et al. 2019, section 3) on "
        + "paragraph pairs: writes surface.json, surface.md, one 12x12 heatmap per statistic and per-layer curves; resumable.")
public final class SurfaceCommand implements Callable<Integer> {
    @Mixin
    CorpusOptions corpus;

    @Option(names = "--max-sequences", paramLabel = "N", defaultValue = "1000",
            description = "Stop after N paragraph-pair sequences (Clark et al. used 1000). Default: ${DEFAULT-VALUE}.")
    long maxSequences = 1000;

    @Option(names = "--no-gradients", description = "Skip the masked-LM gradient part (one backward pass per sequence).")
    boolean noGradients;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        corpus.prepare(128);
        var job = job(CorpusAnalyses.surface(), corpus, spec, maxSequences).withOption("gradients", !noGradients);
        CorpusOptions.print(SurfaceStudy.write(corpus.run(job), corpus.out, !corpus.noPlots));
        return 0;
    }

    /**
     * The job of the shared pass of {@code surface} and {@code cluster}: in this process the first {@code maxSequences}
     * segments; through Spark every segment of the documents (a sequence cap is refused there, see docs/spark.md).
     */
    static CorpusJob<SurfacePass> job(CorpusAnalysis<SurfacePass> analysis, CorpusOptions corpus, CommandSpec spec,
                                      long maxSequences) {
        if (!corpus.spark.enabled()) return corpus.job(analysis).withOption("max-sequences", maxSequences);
        if (spec.commandLine().getParseResult().hasMatchedOption("--max-sequences")) {
            throw new ParameterException(spec.commandLine(), "--max-sequences is a sequential cap and cannot be used with --spark, "
                    + "which analyses every segment of the documents; limit the documents with --limit N instead");
        }
        return corpus.job(analysis);
    }
}
