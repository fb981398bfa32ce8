package org.bertology4j.cli;

import org.bertology4j.analysis.cluster.ClusterStudy;
import org.bertology4j.distributed.CorpusAnalyses;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.util.concurrent.Callable;

/**
 * {@code cluster}: Clark et al. section 6, Jensen-Shannon distances between all heads' attention on the same
 * paragraph pairs as {@code surface}, embedded in 2-D with SMACOF ({@link ClusterStudy}).
 */
@Command(name = "cluster", description = "Jensen-Shannon distances between heads and their 2-D SMACOF map (Clark et al. "
        + "2019, section 6): writes cluster.json, cluster.md, surface.json and two scatter plots; resumable.")
public final class ClusterCommand implements Callable<Integer> {
    @Mixin
    CorpusOptions corpus;

    @Option(names = "--max-sequences", paramLabel = "N", defaultValue = "1000",
            description = "Stop after N paragraph-pair sequences (each costs ~1.7e8 logarithms for 144 heads). Default: ${DEFAULT-VALUE}.")
    long maxSequences = 1000;

    @Option(names = "--seed", defaultValue = "1", description = "SMACOF random start. Default: ${DEFAULT-VALUE}.")
    long seed = 1;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        corpus.prepare(128);
        var job = SurfaceCommand.job(CorpusAnalyses.cluster(), corpus, spec, maxSequences)
                .withOption("gradients", false);
        CorpusOptions.print(ClusterStudy.write(corpus.run(job), corpus.out, !corpus.noPlots, seed));
        return 0;
    }
}
