package org.bertology4j.cli;

import org.bertology4j.analysis.surface.SurfacePass;
import org.bertology4j.analysis.surface.SurfaceStudy;
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
 * {@code surface}: Clark et al. section 3, per-head surface statistics over paragraph pairs and the masked-LM
 * attention gradients per layer ({@link SurfaceStudy}).
 */
@Command(name = "surface", description = "Per-head surface statistics of attention (Clark et al. 2019, section 3) on "
        + "paragraph pairs: writes surface.json, surface.md, one 12x12 heatmap per statistic and per-layer curves; resumable.")
public final class SurfaceCommand extends CorpusCommand<SurfacePass> {
    @Mixin SegmentOptions segments;

    @Option(names = "--no-gradients", description = "Skip the masked-LM gradient part (one backward pass per sequence).")
    boolean noGradients;

    public SurfaceCommand() { super(128); }

    @Override
    CorpusJob<SurfacePass> job() {
        return segments.job(CorpusAnalyses.surface(), corpus).withOption("gradients", !noGradients);
    }

    @Override
    List<Path> write(CorpusRunner.Result<SurfacePass> r, Path out, boolean plots) throws IOException {
        return SurfaceStudy.write(r, out, plots);
    }
}
