/**
 * The corpus pipeline: one runner for every corpus study, in this process or on a cluster.
 *
 * <p>{@link org.bertology4j.corpus.CorpusRunner} runs a {@link org.bertology4j.distributed.CorpusJob} (which study,
 * which corpus, model, limits and options) and owns the checkpoint and resume ({@link org.bertology4j.corpus.Checkpoint},
 * saved atomically; {@link org.bertology4j.corpus.CorpusRun} saves periodically and on Ctrl-C), the progress
 * ({@link org.bertology4j.corpus.ProgressListener}, a bar in the command line) and the engine timing
 * ({@link org.bertology4j.corpus.EngineTime}); with a distributed master it hands the job to the Spark module instead.
 * Every study sees the model through one batched attention source, {@link org.bertology4j.corpus.BatchedModelAttention}.
 * Each study then writes its own result files from the runner's {@link org.bertology4j.corpus.CorpusRunner.Result}
 * (e.g. {@link org.bertology4j.analysis.heads.HeadsStudy}).
 */
package org.bertology4j.corpus;
