/**
 * The studies as the pipeline runs them, and the distributed protocol.
 *
 * <p>{@link org.bertology4j.distributed.CorpusAnalysis} is the one accumulator interface of the corpus studies
 * (create, run over documents with progress and resume, merge, JSON), found by name in
 * {@link org.bertology4j.distributed.CorpusAnalyses}; a {@link org.bertology4j.distributed.CorpusJob} describes a run.
 * A {@link org.bertology4j.distributed.DistributedRunner} (the {@code bertology4j-spark} module, found by
 * {@link org.bertology4j.distributed.DistributedRunners}) cuts the corpus into slices of whole documents
 * ({@link org.bertology4j.distributed.DocumentScanner}, {@link org.bertology4j.distributed.SlicePlan}), runs each with
 * {@link org.bertology4j.distributed.PartitionWork} on the executor's one model
 * ({@link org.bertology4j.distributed.ExecutorModels}, {@link org.bertology4j.distributed.AnalysisModel}) and merges
 * the states in order; {@link org.bertology4j.distributed.InProcessRunner} is the same protocol in this process.
 */
package org.bertology4j.distributed;
