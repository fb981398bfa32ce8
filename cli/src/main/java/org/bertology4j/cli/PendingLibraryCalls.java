package org.bertology4j.cli;

import org.bertology4j.core.deeplift.Attribution;
import org.bertology4j.tokenizer.Encoding;

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
import java.time.Duration;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one place where {@code demo} and {@code report} reach the analyses. The corpus analyses run through the
 * library ({@link CorpusRunner} and each study's writer, as their commands do); the single-text outputs (attention,
 * flow, DeepLIFT files, the viewer page, tokens JSON) still go through their commands' static writers, which are
 * CLI file layouts over library calls. Still to do: those writers as library result writers, then this class goes.
 */
final class PendingLibraryCalls {
    private PendingLibraryCalls() {}

    /** The JSON view of an encoding written as tokens.json. Switch to: the library's encoding JSON. */
    static Map<String, Object> tokens(Encoding e) {
        return TokenizeCommand.toJson(e);
    }

    /** Top-k masked-LM predictions for each [MASK]. Switch to: core's fill-mask helper. */
    static List<List<FillMaskCommand.Prediction>> fillMask(LoadedModel m, Encoding enc, int k) {
        return FillMaskCommand.predict(m, enc, k);
    }

    /** attention.npy, hidden.npy and one PNG per layer of one text into {@code dir}. Switch to: analysis/attention. */
    static List<Path> attention(LoadedModel m, String text, Path dir) throws IOException {
        return AttentionCommand.write(m, text, null, dir, true);
    }

    /** scores.npy, tokens.json, deeplift.json and deeplift.png of an attribution into {@code dir}. Switch to: the result's own writer. */
    static List<Path> deeplift(Attribution a, Encoding enc, Path dir) throws IOException {
        return DeepLiftCommand.write(a, enc, dir);
    }

    /** A_n, G_n and G*_n of one encoding into {@code dir}. Switch to: analysis/flow. */
    static List<Path> flow(LoadedModel m, Encoding enc, Path dir) throws IOException {
        return FlowCommand.write(FlowCommand.compute(m, enc, false), enc, dir, true);
    }

    /** The offline viewer page of one text, with flow. Switch to: the viewer package. */
    static Path view(LoadedModel m, String text, Path file) throws IOException {
        return ViewCommand.write(m, text, null, file, true, null);
    }

    /**
     * One corpus analysis of a CoNLL-U file into {@code dir} (resumable there): {@code heads}, {@code coref},
     * {@code surface}, {@code cluster} or {@code flow-coref}.
     *
     * @param limit sentences (heads, flow-coref) or documents (coref, surface, cluster); ≤ 0 for all
     * @param every for flow-coref, every K-th sentence (≤ 0: the analysis's default)
     * @return the equivalent command line, for reports
     * @throws IllegalStateException when the analysis fails (its message goes into the report)
     */
    static List<String> corpus(String analysis, LoadedModel m, Path conllu, Path dir, long limit, int every) {
        try {
            Files.createDirectories(dir);
            Path model = m.directory().path().toAbsolutePath().normalize(), input = conllu.toAbsolutePath().normalize();
            // the commands' defaults: heads up to 512 pieces, the segment studies 128 (Clark et al.)
            List<Path> written = switch (analysis) {
                case "heads" -> HeadsStudy.write(run(limited(CorpusJob.of(CorpusAnalyses.heads(), input, model)
                        .withMaxPieces(512), limit), dir), dir, true);
                case "coref" -> CorefStudy.write(run(limited(CorpusJob.of(CorpusAnalyses.coref(), input, model)
                        .withMaxPieces(128), limit), dir), dir, true);
                case "surface" -> SurfaceStudy.write(run(limited(CorpusJob.of(CorpusAnalyses.surface(), input, model)
                        .withMaxPieces(128).withOption("max-sequences", 1000).withOption("gradients", true), limit), dir), dir, true);
                case "cluster" -> ClusterStudy.write(run(limited(CorpusJob.of(CorpusAnalyses.cluster(), input, model)
                        .withMaxPieces(128).withOption("max-sequences", 1000).withOption("gradients", false), limit), dir),
                        dir, true, 1);
                case "flow-coref" -> {
                    int k = Math.max(every, 1);
                    // the limit counts sampled sentences; the job's counts corpus sentences (as flow-coref --limit)
                    var r = run(limited(CorpusJob.of(CorpusAnalyses.flow(), input, model).withMaxPieces(128)
                            .withOption("every", k).withOption("measure", "ones"), limit > 0 ? (limit - 1) * k + 1 : -1), dir);
                    yield FlowResults.write(r, dir, true, "coref", 1, conllu.toString());
                }
                default -> throw new IllegalArgumentException("unknown corpus analysis: " + analysis);
            };
            written.forEach(f -> System.out.println("wrote " + f));
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException(analysis + " failed: " + e.getMessage(), e);
        }
        return commandLine(analysis, m, conllu, dir, limit, every);
    }

    private static <A> CorpusJob<A> limited(CorpusJob<A> job, long limit) { return limit > 0 ? job.withLimit(limit) : job; }

    /** Runs a job in this process, resumable from {@code dir/NAME.checkpoint.json}, with a progress bar. */
    private static <A> CorpusRunner.Result<A> run(CorpusJob<A> job, Path dir) throws IOException {
        return CorpusRunner.run(job, CorpusRunner.Options.defaults()
                .checkpoint(dir.resolve(job.analysis() + ".checkpoint.json"), Duration.ofSeconds(60))
                .progress(CorpusProgress.listener()).stopOnShutdown());
    }

    /** The command line that runs {@link #corpus} from a shell (without {@code ./bertology4j}). */
    static List<String> commandLine(String analysis, LoadedModel m, Path conllu, Path dir, long limit, int every) {
        List<String> args = new ArrayList<>(List.of(analysis, "--model", m.directory().path().toString(),
                "--conllu", conllu.toString(), "--out", dir.toString()));
        if (limit > 0) args.addAll(List.of("--limit", String.valueOf(limit)));
        if (every > 0) args.addAll(List.of("--every", String.valueOf(every)));
        return args;
    }
}
