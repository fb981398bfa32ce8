/**
 * The execution seam below the ops: {@link org.bertology4j.core.kernels.Kernels}, one facade over the fused
 * plain-Java kernels (head split/merge, GELU, LayerNorm forward and VJP, softmax VJP, embedding scatter-adds) that
 * picks a kernel when the arrays allow it and otherwise its own ND4J fallback; {@link org.bertology4j.core.kernels.RowParallel}
 * splits kernel rows over the threads of the calling model's {@code Execution}; {@link org.bertology4j.core.kernels.GemmTimer}
 * times products into an execution's accumulator; {@link org.bertology4j.core.kernels.Stacked} and
 * {@link org.bertology4j.core.kernels.ColumnSums} are the K-stacked-cotangent helpers of the backward rules.
 */
package org.bertology4j.core.kernels;
