/**
 * Speed as ratios against peers measured in the same run (medians of interleaved rounds), never absolute times
 * alone: {@link org.bertology4j.bench.ForwardBench} and {@link org.bertology4j.bench.ForwardComparison} (our forward
 * beside TensorFlow Java on BERT-base and ONNX Runtime on bge-small, {@link org.bertology4j.bench.TensorFlowPeer},
 * {@link org.bertology4j.bench.OnnxPeer}), {@link org.bertology4j.bench.BackwardBench} (full backward, all G_n and
 * G*_n as multiples of a forward) and {@link org.bertology4j.bench.DeepLiftBench}. Not a library dependency: the
 * CLI's {@code bench} command runs it.
 */
package org.bertology4j.bench;
