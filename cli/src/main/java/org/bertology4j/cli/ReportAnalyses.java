package org.bertology4j.cli;

import org.bertology4j.analysis.cluster.ClusterStudy;
import org.bertology4j.analysis.coref.CorefStudy;
import org.bertology4j.analysis.flow.FlowResults;
import org.bertology4j.analysis.heads.HeadsStudy;
import org.bertology4j.analysis.surface.SurfaceStudy;
import org.bertology4j.corpus.CorpusRunner;
import org.bertology4j.distributed.CorpusAnalyses;
import org.bertology4j.distributed.CorpusJob;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The corpus analyses as {@code report} (and {@code demo}'s heads section) run them: library jobs
 * ({@link CorpusJob}, {@link CorpusRunner}, each study's writer) with the defaults of their commands, resumable in
 * their output directory, and the equivalent command line for the report.
 */
final class ReportAnalyses {
    private ReportAnalyses() {}

    /**
     * One corpus analysis of a CoNLL-U file into {@code dir} (resumable there): {@code heads}, {@code coref},
     * {@code surface}, {@code cluster} or {@code flow-coref}.
     *
     * @param limit sentences (heads, flow-coref) or documents (coref, surface, cluster); ≤ 0 for all
     * @param every for flow-coref, every K-th sentence (≤ 0: the analysis's default)
     * @throws IllegalStateException when the analysis fails (its message goes into the report)
     */
    static void run(String analysis, LoadedModel m, Path conllu, Path dir, long limit, int every) {
        try {
            Files.createDirectories(dir);
            Path model = m.directory().path().toAbsolutePath().normalize(), input = conllu.toAbsolutePath().normalize();
            // the commands' defaults: heads up to 512 pieces, the segment studies 128 (Clark et al.)
            List<Path> written = switch (analysis) {
                case "heads" -> HeadsStudy.write(runIn(limited(CorpusJob.of(CorpusAnalyses.heads(), input, model)
                        .withMaxPieces(512), limit), dir), dir, true);
                case "coref" -> CorefStudy.write(runIn(limited(CorpusJob.of(CorpusAnalyses.coref(), input, model)
                        .withMaxPieces(128), limit), dir), dir, true);
                case "surface" -> SurfaceStudy.write(runIn(limited(CorpusJob.of(CorpusAnalyses.surface(), input, model)
                        .withMaxPieces(128).withOption("max-sequences", 1000).withOption("gradients", true), limit), dir), dir, true);
                case "cluster" -> ClusterStudy.write(runIn(limited(CorpusJob.of(CorpusAnalyses.cluster(), input, model)
                        .withMaxPieces(128).withOption("max-sequences", 1000).withOption("gradients", false), limit), dir),
                        dir, true, 1);
                case "flow-coref" -> {
                    int k = Math.max(every, 1);
                    // the limit counts sampled sentences; the job's counts corpus sentences (as flow-coref --limit)
                    var r = runIn(limited(CorpusJob.of(CorpusAnalyses.flow(), input, model).withMaxPieces(128)
                            .withOption("every", k).withOption("measure", "ones"), limit > 0 ? (limit - 1) * k + 1 : -1), dir);
                    yield FlowResults.write(r, dir, true, "coref", 1, conllu.toString());
                }
                default -> throw new IllegalArgumentException("unknown corpus analysis: " + analysis);
            };
            CorpusOptions.print(written);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException(analysis + " failed: " + e.getMessage(), e);
        }
    }

    private static <A> CorpusJob<A> limited(CorpusJob<A> job, long limit) { return limit > 0 ? job.withLimit(limit) : job; }

    /** Runs a job in this process, resumable from {@code dir/NAME.checkpoint.json}, with a progress bar. */
    private static <A> CorpusRunner.Result<A> runIn(CorpusJob<A> job, Path dir) throws IOException {
        return CorpusRunner.run(job, CorpusOptions.resumable(CorpusRunner.Options.defaults(), dir, job.analysis(), 60));
    }

    /** The command line that runs {@link #run(String, LoadedModel, Path, Path, long, int)} from a shell (without {@code ./bertology4j}). */
    static List<String> commandLine(String analysis, LoadedModel m, Path conllu, Path dir, long limit, int every) {
        List<String> args = new ArrayList<>(List.of(analysis, "--model", m.directory().path().toString(),
                "--conllu", conllu.toString(), "--out", dir.toString()));
        if (limit > 0) args.addAll(List.of("--limit", String.valueOf(limit)));
        if (every > 0) args.addAll(List.of("--every", String.valueOf(every)));
        return args;
    }
}
