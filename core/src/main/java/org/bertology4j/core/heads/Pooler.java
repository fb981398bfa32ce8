package org.bertology4j.core.heads;

import org.bertology4j.core.layers.Linear;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** BERT pooler ({@code bert.pooler.dense}): tanh(dense(h_L[CLS])). */
public final class Pooler {
    private final Linear dense;

    public Pooler(Linear dense) { this.dense = dense; }

    public Linear dense() { return dense; }

    /** Pooled output [B, H] from the [CLS] rows [B, H]. */
    public INDArray forward(INDArray clsRows) {
        return Transforms.tanh(dense.forward(clsRows, null), false);
    }
}
