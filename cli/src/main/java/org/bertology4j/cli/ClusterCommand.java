package org.bertology4j.cli;

import org.bertology4j.analysis.cluster.ClusterStudy;
import org.bertology4j.analysis.cluster.Mds;
import org.bertology4j.analysis.surface.SurfacePass;
import org.bertology4j.corpus.CorpusRunner;
import org.bertology4j.distributed.CorpusAnalyses;
import org.bertology4j.distributed.CorpusJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code cluster}: Clark et al. section 6, Jensen-Shannon distances between all heads' attention on the same
 * paragraph pairs as {@code surface}, embedded in 2-D by metric or non-metric MDS ({@link ClusterStudy}).
 */
@Command(name = "cluster", description = "Jensen-Shannon distances between heads and their 2-D SMACOF map (Clark et al. "
        + "2019, section 6): writes cluster.json, cluster.md, surface.json and two scatter plots; resumable.")
public final class ClusterCommand extends CorpusCommand<SurfacePass> {
    @Mixin SegmentOptions segments;

    @Option(names = "--seed", defaultValue = "1", description = "SMACOF random start. Default: ${DEFAULT-VALUE}.")
    long seed = 1;

    @Option(names = "--mds", paramLabel = "KIND", defaultValue = "metric",
            description = "metric (SMACOF on the distances, as the authors' released notebook) or non-metric (Kruskal's MDS, "
                    + "which the paper cites: only the order of the distances is fitted). Default: ${DEFAULT-VALUE}.")
    String mds = "metric";

    public ClusterCommand() { super(128); }

    @Override
    CorpusJob<SurfacePass> job() { return segments.job(CorpusAnalyses.cluster(), corpus).withOption("gradients", false); }

    @Override
    List<Path> write(CorpusRunner.Result<SurfacePass> r, Path out, boolean plots) throws IOException {
        return ClusterStudy.write(r, out, plots, seed, Mds.of(mds));
    }
}
