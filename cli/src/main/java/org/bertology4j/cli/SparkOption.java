package org.bertology4j.cli;

import org.bertology4j.distributed.DistributedRunners;
import picocli.CommandLine.Option;

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
}
