package org.bertology4j.core.deeplift;

import org.nd4j.linalg.api.ndarray.INDArray;

/** How multipliers cross a row-wise LayerNorm y = γ⊙(x − mean)·v + β. Pluggable for the negative control. */
interface LayerNormRule {
    /**
     * @param g     cotangents [K·N, D]: K blocks of the N rows below
     * @param x     input rows [N, D]
     * @param x0    reference rows [N, D]
     * @param gamma γ [D]
     * @param eps   ε of the variance
     * @return multipliers onto x, [K·N, D]
     */
    INDArray backward(INDArray g, INDArray x, INDArray x0, INDArray gamma, double eps);
}
