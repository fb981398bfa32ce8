package org.bertology4j.core.heads;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Question-answering span logits ({@code qa_outputs}).
 *
 * @param start start logits [B, T]
 * @param end   end logits [B, T]
 */
public record SpanLogits(INDArray start, INDArray end) {}
