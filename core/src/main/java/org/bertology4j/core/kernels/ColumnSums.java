package org.bertology4j.core.kernels;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Sums over the rows of a 2-D array, for bias and LayerNorm parameter gradients and stacked-cotangent sums, as the
 * product of a row of ones with the array. ND4J's {@code sum(0)} over the rows is a strided reduction that was
 * 2-38x slower here (measured: [128, 3072] 0.67 vs 0.10 ms, [1024, 3072] 6.9 vs 0.18 ms; same values in float).
 */
final class ColumnSums {
    private ColumnSums() {}

    /** Σ_r a[r, c] for a 2-D array a [R, C]; returns [C]. */
    static INDArray of(INDArray a) {
        if (a.rank() != 2) throw new IllegalArgumentException("column sums need a 2-D array, got rank " + a.rank());
        INDArray c = Stacked.contiguous(a);
        INDArray ones = Nd4j.ones(c.dataType(), 1, c.size(0));
        INDArray sums = Nd4j.create(c.dataType(), new long[]{1, c.size(1)}, 'c');
        Kernels.untimedGemm(ones, c, sums, false, false, 1.0, 0.0);
        return sums.reshape(c.size(1));
    }
}
