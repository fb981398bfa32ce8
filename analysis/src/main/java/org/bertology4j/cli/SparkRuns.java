package org.bertology4j.cli;

import org.bertology4j.analysis.coref.CorefAccumulator;
import org.bertology4j.analysis.heads.HeadsAccumulator;
import org.bertology4j.distributed.CorpusAnalyses;
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

    private static String note(ModelDirectory dir, Path input, SparkOption spark, long t0, String what) {
        String model = dir.path() + dir.provenance().map(p -> " (" + p.path("source").asText() + ")").orElse("");
        return String.format(Locale.ROOT, "Model: %s. Input: %s (%s). Run through Spark (%s) in %.0f s.%n",
                model, input, what, spark.master, (System.nanoTime() - t0) / 1e9);
    }

    private static void print(List<Path> written) { written.forEach(p -> System.out.println("wrote " + p)); }
}
