package org.bertology4j.cli;

import org.bertology4j.distributed.CorpusAnalysis;
import org.bertology4j.distributed.CorpusFormat;
import org.bertology4j.distributed.CorpusJob;
import org.bertology4j.distributed.DistributedRunner;
import org.bertology4j.distributed.DistributedRunners;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * {@code --spark MASTER}: run a corpus study through Apache Spark instead of in this process. The runner comes from
 * the optional {@code bertology4j-spark} module ({@link DistributedRunners}); the launcher puts it and Spark on the
 * class path when the option is given. Without the option nothing changes.
 */
public final class SparkOption {
    @Option(names = "--spark", paramLabel = "MASTER",
            description = "Run through Apache Spark: local[N] (N worker threads in this JVM), a cluster master URL "
                    + "(spark://host:7077, yarn, k8s://...), or 'submit' under spark-submit. The corpus and the model "
                    + "directory must be visible at the same path to every executor. No checkpoint: Spark retries failed tasks. "
                    + "See docs/spark.md.")
    String master;

    @Option(names = "--spark-partitions", paramLabel = "N", defaultValue = "0",
            description = "Slices of whole documents to distribute. Default: twice Spark's default parallelism.")
    int partitions;

    /** True when {@code --spark} was given. */
    public boolean enabled() { return master != null; }

    /** The job for {@code analysis} with the command's corpus options; the model is a directory path. */
    <A> CorpusJob<A> job(CorpusAnalysis<A> analysis, CorpusOptions corpus, Path modelDirectory) {
        return job(analysis, corpus, modelDirectory, corpus.limit);
    }

    /** The same with another limit (in the analysis's own unit, see {@link CorpusAnalysis#limitUnit()}). */
    <A> CorpusJob<A> job(CorpusAnalysis<A> analysis, CorpusOptions corpus, Path modelDirectory, long limit) {
        String file = corpus.conllu.toString().contains("://") ? corpus.conllu.toString()
                : corpus.conllu.toAbsolutePath().normalize().toString();
        return CorpusJob.of(analysis, file, CorpusFormat.CONLLU, modelDirectory.toAbsolutePath().normalize().toString(),
                corpus.lenient, corpus.maxPieces, limit, partitions);
    }

    /** Runs the job on the distributed runner found on the class path. */
    <A> A run(CorpusJob<A> job) {
        DistributedRunner runner = DistributedRunners.find();
        return runner.run(master, job);
    }
}
