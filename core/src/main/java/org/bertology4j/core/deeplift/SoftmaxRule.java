package org.bertology4j.core.deeplift;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * How multipliers cross a row-wise softmax y = softmax(z). Pluggable so that tests can swap the exact
 * rule for the plain gradient (the negative control) and watch completeness break.
 */
interface SoftmaxRule {
    /**
     * @param g  cotangents [K·R, T]: K blocks of the R rows below
     * @param z  input logits [R, T]
     * @param z0 reference logits [R, T]
     * @param y  softmax(z) [R, T]
     * @param y0 softmax(z0) [R, T]
     * @return multipliers onto z, [K·R, T]
     */
    INDArray backward(INDArray g, INDArray z, INDArray z0, INDArray y, INDArray y0);
}
