package org.bertology4j.core.kernels;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Erf;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The exact GELU derivative GELU'(x) = Φ(x) + x·φ(x) for the float32 backward, by linear interpolation in a table
 * filled once in double precision with ND4J's {@link Erf} (exact to ~2e-16): steps of 1/4096 on [-9, 9], error
 * ≤ h²/8·max|φ(x)(2 - x²)| ≈ 6e-9; outside, 0 or 1 (|x·φ(x)| < 1e-16 there).
 * Why: ND4J's erf op took ~19 ms on [1024, 3072] floats (2 cores), a quarter of BERT-base's forward pass. (The
 * forward GELU used a table of erf too; it now uses the vectorisable {@link ErfFloat}.) Float64 keeps ND4J's ops.
 */
final class ErfTable {
    static final int PER_UNIT = 4096;
    static final double DERIVATIVE_LIMIT = 9.0;
    private static final double[] DERIVATIVE = derivativeGrid();

    private ErfTable() {}

    private static double[] derivativeGrid() {
        double lo = -DERIVATIVE_LIMIT, s = 1 / Math.sqrt(2);
        int n = (int) Math.round(2 * DERIVATIVE_LIMIT * PER_UNIT) + 2;
        INDArray z = Nd4j.createUninitialized(DataType.DOUBLE, n);
        for (int i = 0; i < n; i++) z.putScalar(i, (lo + i / (double) PER_UNIT) * s);
        Nd4j.exec(new Erf(z, z));
        double[] erf = z.toDoubleVector(), d = new double[n];
        for (int i = 0; i < n; i++) {
            double x = lo + i / (double) PER_UNIT;
            d[i] = 0.5 * (1 + erf[i]) + x * Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
        }
        return d;
    }

    /** GELU'(x) = Φ(x) + x·φ(x) to ~1e-8 absolute. */
    static double geluDerivative(double x) {
        if (x <= -DERIVATIVE_LIMIT) return 0;
        if (x >= DERIVATIVE_LIMIT) return 1;
        double p = (x + DERIVATIVE_LIMIT) * PER_UNIT;
        int i = (int) p;
        double f = p - i, lo = DERIVATIVE[i];
        return lo + f * (DERIVATIVE[i + 1] - lo);
    }
}
