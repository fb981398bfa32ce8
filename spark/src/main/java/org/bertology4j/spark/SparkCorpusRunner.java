package org.bertology4j.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.bertology4j.distributed.CorpusJob;
import org.bertology4j.distributed.DistributedRunner;
import org.bertology4j.distributed.DocumentSpan;
import org.bertology4j.distributed.PartitionWork;
import org.bertology4j.distributed.Slice;
import org.bertology4j.distributed.SlicePlan;
import org.bertology4j.weights.BertConfig;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Runs a corpus analysis on Apache Spark. The driver scans the corpus for document boundaries (one sequential read,
 * no parsing), cuts the documents into slices of similar sentence counts, and distributes the slices (byte ranges,
 * not text). Each task reads its own slice from the corpus (any Hadoop file system), runs the analysis with the model
 * of its executor JVM ({@link org.bertology4j.distributed.ExecutorModels}: loaded once per JVM from the job's path,
 * never serialised) and returns the accumulator as JSON; the driver merges the states in slice order.
 *
 * <p>Settings read from the Spark configuration (or {@code -Dspark...} system properties):
 * {@code spark.bertology4j.threadsPerTask} (native threads per task, default 1: as many single-threaded tasks as
 * cores is the fastest for many small inputs) and {@code spark.bertology4j.partitions} (slices; default
 * {@code 2 x defaultParallelism}, or the job's own number).
 */
public final class SparkCorpusRunner implements DistributedRunner {
    /** Master value meaning "take the master from the Spark configuration" (e.g. under spark-submit). */
    public static final String FROM_CONFIGURATION = "submit";
    static final String THREADS = "spark.bertology4j.threadsPerTask";
    static final String PARTITIONS = "spark.bertology4j.partitions";

    @Override
    public String name() { return "spark"; }

    @Override
    public <A> A run(String master, CorpusJob<A> job) {
        SparkConf conf = new SparkConf().setAppName("bertology4j " + job.analysis());
        if (master != null && !master.isBlank() && !master.equals(FROM_CONFIGURATION)) conf.setMaster(master);
        if (!conf.contains("spark.master")) {
            throw new IllegalArgumentException("no Spark master: give one (local[2], spark://host:7077, yarn, ...) or run under spark-submit");
        }
        conf.setIfMissing("spark.ui.enabled", "false");
        long t0 = System.nanoTime();
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            sc.setLogLevel("WARN");
            List<DocumentSpan> docs = CorpusFiles.scan(job.corpus(), job.format(), sc.hadoopConfiguration());
            int partitions = job.partitions() > 0 ? job.partitions()
                    : conf.getInt(PARTITIONS, 2 * sc.defaultParallelism());
            List<Slice> slices = SlicePlan.plan(docs, partitions, job.limit(), job.kind().limitUnit());
            long sentences = slices.stream().mapToLong(Slice::sentencesToRun).sum();
            System.err.printf(Locale.ROOT, "%s on Spark %s (%s): %d documents, %d sentences in %d slices%n",
                    job.analysis(), sc.version(), sc.master(), slices.stream().mapToInt(Slice::documents).sum(),
                    sentences, slices.size());
            int threads = conf.getInt(THREADS, 1);
            // One slice per partition; collect() returns the partitions' results in partition (= slice) order.
            List<String> states = slices.isEmpty() ? List.of()
                    : sc.parallelize(slices, slices.size()).mapPartitions(new SliceTask<>(job, threads)).collect();
            A merged = PartitionWork.merge(job, states, slices.isEmpty() ? BertConfig.read(Path.of(job.model()).resolve("config.json")) : null);
            double seconds = (System.nanoTime() - t0) / 1e9;
            long analysed = analysedSentences(slices, Integer.parseInt(job.option("every", "1")));
            System.err.printf(Locale.ROOT, "%s on Spark: %.1f s, %.2f analysed sentences/s (%d of %d read; %d threads per task)%n",
                    job.analysis(), seconds, analysed / seconds, analysed, sentences, threads);
            return merged;
        }
    }

    /**
     * Sentences an analysis that samples every K-th corpus sentence (option {@code every}, e.g. flow) runs on: in each
     * slice, the corpus indices in [first, first + n) that are multiples of K. K = 1: all sentences.
     */
    static long analysedSentences(List<Slice> slices, int every) {
        if (every <= 1) return slices.stream().mapToLong(Slice::sentencesToRun).sum();
        long n = 0;
        for (Slice s : slices) {
            long first = s.firstSentence(), end = first + s.sentencesToRun();
            n += Math.floorDiv(end - 1, every) - Math.floorDiv(first - 1, every);
        }
        return n;
    }
}
