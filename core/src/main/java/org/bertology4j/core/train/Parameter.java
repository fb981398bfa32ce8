package org.bertology4j.core.train;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One trainable array of a model, in the engine's storage layout (dense weights are kept transposed,
 * [in, out], and Q|K|V fused).
 *
 * @param name  stable internal name (used as the key of optimizer state in checkpoints)
 * @param value the live array; training updates it in place
 * @param decay whether AdamW weight decay applies (not to biases and LayerNorm parameters, as in BERT)
 */
public record Parameter(String name, INDArray value, boolean decay) {}
