package org.bertology4j.core.deeplift;

import org.bertology4j.core.kernels.Kernels;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The exact softmax rule. Per row, with one shift c shared by input and reference, a = e^(z−c), d = Σa,
 * ŷ = a/d, λ_i = LM(a_i, a0_i)/LM(d, d0) and R_k = LM(ŷ_k, ŷ0_k):
 * <pre>  g_z_i = g_i·R_i − λ_i·Σ_k g_k·R_k</pre>
 * Exact because Δŷ_k = R_k·Δln ŷ_k, Δln ŷ_k = Δz_k − Δln d and Δln d = Σ_i λ_i·Δz_i. Every logarithmic difference is
 * known without a logarithm (Δln a_i = Δz_i, Δln ŷ_k = Δz_k − Δln d) but Δln d, one per row, so the identity holds by
 * construction in double; ŷ is the softmax of the cached scores in double, which differs from the forward's float
 * softmax by its rounding (~1e-7 relative; the residual of a float attribution). Masked keys (score −10000) have
 * a = a0 = 0 and get multiplier 0. The probabilities y, y0 are not read.
 */
final class LogMeanSoftmaxRule implements SoftmaxRule {
    @Override
    public INDArray backward(INDArray g, INDArray z, INDArray z0, INDArray y, INDArray y0) {
        int rows = (int) z.size(0), t = (int) z.size(1);
        int k = (int) (g.size(0) / rows);
        RowAccess gr = RowAccess.of(g), zr = RowAccess.of(z), z0r = RowAccess.of(z0);
        INDArray out = Nd4j.createUninitialized(g.dataType(), g.shape(), 'c');
        RowAccess outr = RowAccess.of(out);
        Kernels.forRows(rows, (long) (k + 4) * t, (from, to) -> {
            double[] zv = new double[t], z0v = new double[t], a = new double[t], a0 = new double[t];
            double[] lambda = new double[t], ratio = new double[t], gv = new double[t], ov = new double[t];
            for (int r = from; r < to; r++) {
                zr.read(r, zv);
                z0r.read(r, z0v);
                double c = Double.NEGATIVE_INFINITY;
                for (int i = 0; i < t; i++) c = Math.max(c, Math.max(zv[i], z0v[i]));
                double d = 0, d0 = 0;
                for (int i = 0; i < t; i++) {
                    a[i] = Math.exp(zv[i] - c);
                    a0[i] = Math.exp(z0v[i] - c);
                    d += a[i];
                    d0 += a0[i];
                }
                double dLnD = Math.log(d / d0), lmd = LogMean.withLogDifference(d, d0, dLnD);
                for (int i = 0; i < t; i++) {
                    double dz = zv[i] - z0v[i];
                    lambda[i] = LogMean.withLogDifference(a[i], a0[i], dz) / lmd;
                    ratio[i] = LogMean.withLogDifference(a[i] / d, a0[i] / d0, dz - dLnD);
                }
                for (int b = 0; b < k; b++) {
                    gr.read(b * rows + r, gv);
                    double s = 0;
                    for (int i = 0; i < t; i++) s += gv[i] * ratio[i];
                    for (int i = 0; i < t; i++) ov[i] = gv[i] * ratio[i] - lambda[i] * s;
                    outr.write(b * rows + r, ov);
                }
            }
        });
        return out;
    }
}
