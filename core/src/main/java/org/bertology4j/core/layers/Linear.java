package org.bertology4j.core.layers;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Dense layer y = x·Wᵀ + b on rows of a 2-D input [N, in].
 * <p>The weight is kept transposed ([in, out], 'c' order) so that the forward pass is one
 * {@code gemm} with no transpose and no copy; {@code INDArray.mmul} on 'c' arrays goes through an
 * 'f' temporary and was measured ~5x slower.
 */
public final class Linear {
    private final INDArray weightT; // [in, out]
    private final INDArray bias;    // [out] or null

    /** What the backward pass needs: the input of the layer. */
    public static final class Cache {
        /** Input [N, in]. */
        public INDArray input;
    }

    /**
     * @param weightT weight already transposed, shape [in, out]
     * @param bias    bias [out], or null for none
     */
    public Linear(INDArray weightT, INDArray bias) {
        this.weightT = weightT.isView() || weightT.ordering() != 'c' ? weightT.dup('c') : weightT;
        this.bias = bias;
        if (bias != null && bias.length() != weightT.size(1)) {
            throw new IllegalArgumentException("bias length " + bias.length() + " != output width " + weightT.size(1));
        }
    }

    /** From a Hugging Face / PyTorch weight of shape [out, in]. */
    public static Linear fromOutIn(INDArray weight, INDArray bias) {
        return new Linear(weight.transpose().dup('c'), bias);
    }

    public long inFeatures() { return weightT.size(0); }
    public long outFeatures() { return weightT.size(1); }
    /** Transposed weight [in, out] (shared, do not modify). */
    public INDArray weightT() { return weightT; }
    /** Bias [out] or null (shared, do not modify). */
    public INDArray bias() { return bias; }

    /** y = x·Wᵀ + b for x [N, in] ('c' order); fills {@code cache} when non-null. */
    public INDArray forward(INDArray x, Cache cache) {
        INDArray in = x.ordering() == 'c' && !x.isView() ? x : x.dup('c');
        INDArray y = Nd4j.create(in.dataType(), new long[]{in.size(0), weightT.size(1)}, 'c');
        long t0 = GemmTimer.start();
        Nd4j.gemm(in, weightT, y, false, false, 1.0, 0.0);
        GemmTimer.stop(t0);
        if (bias != null) y.addiRowVector(bias);
        if (cache != null) cache.input = in;
        return y;
    }
}
