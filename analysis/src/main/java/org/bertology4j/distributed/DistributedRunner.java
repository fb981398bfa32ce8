package org.bertology4j.distributed;

/**
 * Runs a corpus analysis on a cluster framework. Implementations live in optional modules (e.g.
 * {@code bertology4j-spark}) and register themselves in
 * {@code META-INF/services/org.bertology4j.distributed.DistributedRunner}; {@link DistributedRunners#find()} loads
 * them, so this module does not depend on any framework.
 *
 * <p>Contract: partition the corpus by whole documents ({@link DocumentScanner}, {@link SlicePlan}), run each slice
 * with {@link PartitionWork#run} (one model per worker JVM, loaded from the job's path), and merge the returned JSON
 * states in slice order with {@link PartitionWork#merge}, so the result is deterministic.
 */
public interface DistributedRunner {
    /** Short name for messages (e.g. "spark"). */
    String name();

    /**
     * Runs {@code job} and returns the merged accumulator.
     *
     * @param master where to run, in the framework's syntax (e.g. {@code local[2]}, {@code spark://host:7077})
     */
    <A> A run(String master, CorpusJob<A> job);
}
