package org.bertology4j.core.layers;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Erf;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Exact GELU, 0.5·x·(1 + erf(x/√2)), as BERT's "gelu". ND4J's own gelu ops are tanh/sigmoid
 * approximations; its {@link Erf} op matches a double-precision erf to 2e-16 (float: 3e-8), measured.
 */
public final class Gelu {
    private static final double INV_SQRT2 = 1.0 / Math.sqrt(2.0);

    private Gelu() {}

    /** What the backward pass needs: the GELU input. */
    public static final class Cache {
        /** Pre-activation input. */
        public INDArray input;
    }

    /** GELU of x (new array); fills {@code cache} when non-null. */
    public static INDArray forward(INDArray x, Cache cache) {
        INDArray y = x.mul(INV_SQRT2);
        Nd4j.exec(new Erf(y, y));
        y.addi(1.0).muli(x).muli(0.5);
        if (cache != null) cache.input = x;
        return y;
    }
}
