package org.bertology4j.cli;

import org.bertology4j.analysis.coref.CorefAccumulator;
import org.bertology4j.analysis.heads.HeadsAccumulator;
import org.bertology4j.analysis.flow.FlowAccumulator;
import org.bertology4j.analysis.surface.SurfacePass;
import org.bertology4j.distributed.CorpusAnalyses;
import org.bertology4j.distributed.CorpusAnalysis;
import org.bertology4j.distributed.CorpusJob;
import org.bertology4j.weights.ModelDirectory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The {@code --spark} path of the corpus commands: build the job, run it on the cluster, write the same result files
 * as the single-process run (no checkpoint; the run note says it went through Spark).
 */
final class SparkRuns {
    private SparkRuns() {}

    /** {@code heads --spark}. */
    static int heads(ModelOption modelOption, CorpusOptions corpus, SparkOption spark) throws IOException {
        ModelDirectory dir = modelOption.open();
        CorpusJob<HeadsAccumulator> job = spark.job(CorpusAnalyses.heads(), corpus, dir.path());
        long t0 = System.nanoTime();
        HeadsAccumulator acc = spark.run(job);
        print(HeadsCommand.write(acc.result(), corpus.out, !corpus.noPlots, note(dir, corpus.conllu, spark, t0,
                acc.sentences() + acc.skipped() + " sentences")));
        return 0;
    }

    /** {@code coref --spark}. */
    static int coref(ModelOption modelOption, CorpusOptions corpus, SparkOption spark) throws IOException {
        ModelDirectory dir = modelOption.open();
        CorpusJob<CorefAccumulator> job = spark.job(CorpusAnalyses.coref(), corpus, dir.path());
        long t0 = System.nanoTime();
        CorefAccumulator acc = spark.run(job);
        print(CorefCommand.write(acc, corpus.out, !corpus.noPlots, note(dir, corpus.conllu, spark, t0,
                acc.segments() + " segments, segments of at most " + corpus.maxPieces + " pieces")));
        return 0;
    }

    /** {@code surface --spark} and {@code cluster --spark}: every segment of the (document-limited) corpus. */
    static SurfaceCommand.Result surface(String command, ModelOption modelOption, CorpusOptions corpus, boolean gradients,
                                         SparkOption spark) throws IOException {
        ModelDirectory dir = modelOption.open();
        CorpusAnalysis<SurfacePass> analysis = command.equals("cluster") ? CorpusAnalyses.cluster() : CorpusAnalyses.surface();
        CorpusJob<SurfacePass> job = spark.job(analysis, corpus, dir.path()).withOption("gradients", gradients);
        long t0 = System.nanoTime();
        SurfacePass pass = spark.run(job);
        return new SurfaceCommand.Result(pass, note(dir, corpus.conllu, spark, t0, pass.sequences()
                + " paragraph pairs of at most " + corpus.maxPieces + " pieces"));
    }

    /** The merged flow accumulator of a {@code flow-* --spark} run, with the model identity and the run note. */
    record Flow(FlowAccumulator accumulator, String identity, String note) {}

    /** {@code flow-coref|flow-pos|flow-deps --spark}; {@code corpusLimit} counts corpus sentences. */
    static Flow flow(ModelOption modelOption, CorpusOptions corpus, long corpusLimit, int every, String measure,
                     SparkOption spark) throws IOException {
        ModelDirectory dir = modelOption.open();
        CorpusJob<FlowAccumulator> job = spark.job(CorpusAnalyses.flow(), corpus, dir.path(), corpusLimit)
                .withOption("every", every).withOption("measure", measure);
        long t0 = System.nanoTime();
        FlowAccumulator acc = spark.run(job);
        return new Flow(acc, LoadedModel.identity(dir), note(dir, corpus.conllu, spark, t0, acc.sentencesSeen() + " sentences, every "
                + every + (every == 1 ? "st" : "th") + " sentence"));
    }

    private static String note(ModelDirectory dir, Path input, SparkOption spark, long t0, String what) {
        return String.format(Locale.ROOT, "Model: %s. Input: %s (%s). Run through Spark (%s) in %.0f s.%n",
                LoadedModel.identity(dir), input, what, spark.master, (System.nanoTime() - t0) / 1e9);
    }

    private static void print(List<Path> written) { written.forEach(p -> System.out.println("wrote " + p)); }
}
