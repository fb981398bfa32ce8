package org.bertology4j.core.deeplift;

import org.bertology4j.core.layers.Gelu;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.function.DoubleUnaryOperator;

/**
 * The Rescale rule of an elementwise nonlinearity y = f(x): m = Δy/Δx, and when |Δx| is too small
 * for the secant to be computed accurately, the derivative at the midpoint f'((x + x0)/2)
 * (whose error f'''·Δx³/24 is then far below rounding).
 */
final class Rescale {
    /** Derivative of the exact GELU x·Φ(x): Φ(x) + x·φ(x) ({@link Gelu#derivative(double, Gelu.Form)}). */
    static final DoubleUnaryOperator GELU_DERIVATIVE = x -> Gelu.derivative(x, Gelu.Form.ERF);

    /** Derivative of the tanh-approximated GELU ({@link Gelu#derivative(double, Gelu.Form)}). */
    static final DoubleUnaryOperator TANH_GELU_DERIVATIVE = x -> Gelu.derivative(x, Gelu.Form.TANH);

    /** The derivative matching the engine's GELU form. */
    static DoubleUnaryOperator geluDerivative(Gelu.Form form) {
        return form == Gelu.Form.TANH ? TANH_GELU_DERIVATIVE : GELU_DERIVATIVE;
    }

    /** Derivative of tanh: 1 − tanh². */
    static final DoubleUnaryOperator TANH_DERIVATIVE = x -> {
        double t = Math.tanh(x);
        return 1.0 - t * t;
    };

    private Rescale() {}

    /**
     * |Δx| below which the midpoint derivative replaces the secant, relative to 1 + |x| + |x0|:
     * the secant's rounding error is ~ulp(y)/Δx, so float needs a wider fallback band than double.
     */
    static double tinyDelta(DataType type) { return type == DataType.DOUBLE ? 1e-8 : 1e-3; }

    /**
     * Multipliers m with m·Δx = Δy elementwise.
     *
     * @param x          input values
     * @param x0         reference values (same shape)
     * @param y          f(x)
     * @param y0         f(x0)
     * @param derivative f', used only for the tiny-Δx fallback
     * @return m, same shape and type as x
     */
    static INDArray multipliers(INDArray x, INDArray x0, INDArray y, INDArray y0, DoubleUnaryOperator derivative) {
        double[] xv = DenseValues.of(x), x0v = DenseValues.of(x0);
        double[] yv = DenseValues.of(y), y0v = DenseValues.of(y0);
        double tiny = tinyDelta(x.dataType());
        double[] m = new double[xv.length];
        // element by element, so split over the cores in blocks (the fallback's erf and exp made this loop 8% of a
        // DeepLIFT attribution on one core, profiled); each element's value does not depend on the split
        int block = 1 << 14;
        java.util.stream.IntStream.range(0, (m.length + block - 1) / block).parallel().forEach(b -> {
            for (int i = b * block, end = Math.min(m.length, i + block); i < end; i++) {
                double dx = xv[i] - x0v[i];
                if (Math.abs(dx) > tiny * (1.0 + Math.abs(xv[i]) + Math.abs(x0v[i]))) {
                    m[i] = (yv[i] - y0v[i]) / dx;
                } else {
                    m[i] = derivative.applyAsDouble(0.5 * (xv[i] + x0v[i]));
                }
            }
        });
        return DenseValues.array(m, x.shape(), x.dataType());
    }
}
