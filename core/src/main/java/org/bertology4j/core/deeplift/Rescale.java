package org.bertology4j.core.deeplift;

import org.bertology4j.core.kernels.Kernels;
import org.bertology4j.core.layers.Gelu;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

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
        INDArray m = Nd4j.createUninitialized(x.dataType(), x.shape(), 'c');
        RowAccess out = RowAccess.of(m);
        forRowsOfMultipliers(x, x0, y, y0, derivative, 1, (row, mv, scratch) -> out.write(row, mv));
        return m;
    }

    /**
     * Cotangents times the multipliers: g [K·N, W], K blocks of the N rows of x, each multiplied elementwise by m, in
     * place when g is dense (one pass, no multiplier array and no tiled copy of it).
     *
     * @return g, or a dense copy of it when g was not dense, holding g ⊙ m
     */
    static INDArray scale(INDArray g, INDArray x, INDArray x0, INDArray y, INDArray y0, DoubleUnaryOperator derivative) {
        INDArray out = Kernels.denseFloating(g) ? g : g.dup('c');
        RowAccess gr = RowAccess.of(out);
        int n = RowAccess.of(x).rows, k = gr.rows / n;
        forRowsOfMultipliers(x, x0, y, y0, derivative, k + 1, (row, mv, gv) -> {
            for (int b = 0; b < k; b++) {
                gr.read(b * n + row, gv);
                for (int j = 0; j < gv.length; j++) gv[j] *= mv[j];
                gr.write(b * n + row, gv);
            }
        });
        return out;
    }

    /** What is done with the multipliers of one row ({@code scratch}: a free row-sized array). */
    @FunctionalInterface
    private interface RowSink {
        void accept(int row, double[] multipliers, double[] scratch);
    }

    /** Computes the multipliers row by row, the rows split over the cores, and hands each row to {@code sink}. */
    private static void forRowsOfMultipliers(INDArray x, INDArray x0, INDArray y, INDArray y0, DoubleUnaryOperator derivative,
                                             int passesPerRow, RowSink sink) {
        RowAccess xr = RowAccess.of(x), x0r = RowAccess.of(x0), yr = RowAccess.of(y), y0r = RowAccess.of(y0);
        double tiny = tinyDelta(x.dataType());
        int w = xr.width;
        // element by element (the fallback's erf and exp made this loop 8% of a DeepLIFT attribution on one core,
        // profiled), so split over the cores; each element's value does not depend on the split
        Kernels.forRows(xr.rows, (long) (4 + passesPerRow) * w, (from, to) -> {
            double[] xv = new double[w], x0v = new double[w], yv = new double[w], y0v = new double[w], scratch = new double[w];
            for (int r = from; r < to; r++) {
                xr.read(r, xv);
                x0r.read(r, x0v);
                yr.read(r, yv);
                y0r.read(r, y0v);
                for (int i = 0; i < w; i++) {
                    double dx = xv[i] - x0v[i];
                    yv[i] = Math.abs(dx) > tiny * (1.0 + Math.abs(xv[i]) + Math.abs(x0v[i]))
                            ? (yv[i] - y0v[i]) / dx
                            : derivative.applyAsDouble(0.5 * (xv[i] + x0v[i]));
                }
                sink.accept(r, yv, scratch);
            }
        });
    }
}
