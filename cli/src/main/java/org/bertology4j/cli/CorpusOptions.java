package org.bertology4j.cli;

import org.bertology4j.corpus.CorpusRunner;
import org.bertology4j.distributed.CorpusAnalysis;
import org.bertology4j.distributed.CorpusFormat;
import org.bertology4j.distributed.CorpusJob;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Options shared by the corpus studies ({@code heads}, {@code coref}, {@code surface}, {@code cluster}, {@code flow-*}):
 * the corpus, {@code --model} and {@code --spark}, and their one way to run: the job they describe goes to the library's {@link CorpusRunner} (checkpoint in
 * {@code --out}, progress bar on stderr, or {@code --spark}).
 */
public final class CorpusOptions {
    @Mixin ModelOption model;

    @Mixin SparkOption spark;

    @Mixin ConlluInput input;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory (results and the resume checkpoint).")
    Path out;

    @Option(names = "--lenient", description = "Skip (and count) malformed sentences instead of stopping.")
    boolean lenient;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "-1",
            description = "Use only the first N units (sentences for heads, documents for coref/surface/cluster).")
    long limit = -1;

    @Option(names = "--max-pieces", paramLabel = "N", defaultValue = "-1",
            description = "Longest input in word pieces (specials included); longer inputs are skipped and counted. "
                    + "Default: 512 for heads (the model limit), 128 for the segments of coref/surface/cluster (as Clark et al.).")
    int maxPieces = -1;

    @Option(names = "--checkpoint-seconds", paramLabel = "S", defaultValue = "60",
            description = "Seconds between checkpoints. Default: ${DEFAULT-VALUE}.")
    int checkpointSeconds = 60;

    @Option(names = "--no-plots", description = "Skip the PNG figures.")
    boolean noPlots;

    /** Checks the input exists, applies the command's default piece limit and creates the output directory. */
    void prepare(int defaultMaxPieces) throws IOException {
        if (maxPieces == -1) maxPieces = defaultMaxPieces;
        if (!Files.isRegularFile(input.conllu)) throw new IOException("CoNLL-U file not found: " + input.conllu);
        if (limit == 0 || limit < -1) throw new IllegalArgumentException("--limit must be positive (got " + limit + ")");
        if (maxPieces < 3) throw new IllegalArgumentException("--max-pieces must be at least 3 (got " + maxPieces + ")");
        Files.createDirectories(out);
    }

    /** The job of {@code analysis} on {@code --conllu} with these options ({@code limit} in the analysis's unit). */
    <A> CorpusJob<A> job(CorpusAnalysis<A> analysis, long limit) {
        // Spark executors need a path valid everywhere; in process the path stays as typed (it is what the notes show)
        String file = !spark.enabled() || input.conllu.toString().contains("://") ? input.conllu.toString()
                : input.conllu.toAbsolutePath().normalize().toString();
        return CorpusJob.of(analysis, file, CorpusFormat.CONLLU, model.open().path().toAbsolutePath().normalize().toString(),
                lenient, maxPieces, limit, spark.partitions);
    }

    /** The job of {@code analysis} with {@code --limit}. */
    <A> CorpusJob<A> job(CorpusAnalysis<A> analysis) {
        return job(analysis, limit);
    }

    /**
     * Runs {@code job}: through Spark with {@code --spark}, else in this process, resumable from
     * {@code --out/NAME.checkpoint.json} (NAME: the analysis), with a progress bar and a checkpoint on Ctrl-C. Skipped
     * malformed sentences are listed on stderr.
     */
    <A> CorpusRunner.Result<A> run(CorpusJob<A> job) throws IOException {
        return run(job, null);
    }

    /**
     * As {@link #run(CorpusJob)}, stopping after {@code timeLimit} (null: none) at a unit boundary with the results so
     * far ({@link CorpusRunner.Result#complete()} false); the same command resumes.
     */
    <A> CorpusRunner.Result<A> run(CorpusJob<A> job, Duration timeLimit) throws IOException {
        CorpusRunner.Options options = CorpusRunner.Options.defaults().distributed(spark.master).timeLimit(timeLimit);
        if (!spark.enabled()) options = resumable(options, out, job.analysis(), checkpointSeconds);
        CorpusRunner.Result<A> r = CorpusRunner.run(job, options);
        r.problems().forEach(p -> System.err.println(job.analysis() + ": skipped malformed sentence: " + p));
        return r;
    }

    /**
     * {@code options} for a run in this process that resumes from {@code dir/ANALYSIS.checkpoint.json} (written every
     * {@code checkpointSeconds} and on Ctrl-C), with a progress bar on stderr.
     */
    static CorpusRunner.Options resumable(CorpusRunner.Options options, Path dir, String analysis, int checkpointSeconds) {
        return options.checkpoint(dir.resolve(analysis + ".checkpoint.json"), Duration.ofSeconds(checkpointSeconds))
                .progress(CorpusProgress.listener()).stopOnShutdown();
    }

    /** A {@code --time-limit} in minutes as a duration; -1 (no limit): null. */
    static Duration minutes(double minutes) {
        return minutes == -1 ? null : Duration.ofMillis(Math.round(minutes * 60_000));
    }

    /** Prints the files written. */
    static void print(List<Path> written) { written.forEach(p -> System.out.println("wrote " + p)); }
}
