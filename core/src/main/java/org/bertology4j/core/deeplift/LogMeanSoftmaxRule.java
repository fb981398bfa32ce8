package org.bertology4j.core.deeplift;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.stream.IntStream;

/**
 * The exact softmax rule. Per row, with one shift c shared by input and reference (so that Δc = 0),
 * a = e^(z−c), d = Σa, R_k = LM(y_k, y0_k) and λ_i = LM(a_i, a0_i)/LM(d, d0):
 * <pre>  g_z_i = g_i·R_i − λ_i·Σ_k g_k·R_k</pre>
 * Exact because Δy_k = R_k·Δln y_k, Δln y_k = Δz_k − Δln d and Δln d = Σ_i λ_i·Δz_i.
 * Masked keys (score −10000) have a = a0 = 0 and get multiplier 0.
 */
final class LogMeanSoftmaxRule implements SoftmaxRule {
    @Override
    public INDArray backward(INDArray g, INDArray z, INDArray z0, INDArray y, INDArray y0) {
        int rows = (int) z.size(0), t = (int) z.size(1);
        int k = (int) (g.size(0) / rows);
        double[] zv = DenseValues.of(z), z0v = DenseValues.of(z0), yv = DenseValues.of(y), y0v = DenseValues.of(y0), gv = DenseValues.of(g);
        double[] out = new double[gv.length];
        IntStream.range(0, rows).parallel().forEach(r -> {
            int o = r * t;
            double c = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < t; i++) c = Math.max(c, Math.max(zv[o + i], z0v[o + i]));
            double[] a = new double[t], a0 = new double[t], ratio = new double[t];
            double d = 0, d0 = 0;
            for (int i = 0; i < t; i++) {
                a[i] = Math.exp(zv[o + i] - c);
                a0[i] = Math.exp(z0v[o + i] - c);
                d += a[i];
                d0 += a0[i];
            }
            double lmd = LogMean.of(d, d0);
            double[] lambda = a; // reuse
            for (int i = 0; i < t; i++) {
                lambda[i] = LogMean.of(a[i], a0[i]) / lmd;
                ratio[i] = LogMean.of(yv[o + i], y0v[o + i]);
            }
            for (int b = 0; b < k; b++) {
                int go = (b * rows + r) * t;
                double s = 0;
                for (int i = 0; i < t; i++) s += gv[go + i] * ratio[i];
                for (int i = 0; i < t; i++) out[go + i] = gv[go + i] * ratio[i] - lambda[i] * s;
            }
        });
        return DenseValues.array(out, g.shape(), g.dataType());
    }

}
