package org.bertology4j.core.deeplift;

import org.bertology4j.core.kernels.Kernels;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The exact LayerNorm rule. Per row, a = x − mean(x), v = (mean(a²) + ε)^(−1/2), v̄ = (v + v0)/2,
 * s = a + a0, ρ = −v²·v0²/(v + v0); with g̃ = γ⊙g:
 * <pre>  g_x_j = v̄·(g̃_j − mean(g̃)) + ρ·s_j·Σ_i g̃_i·s_i / (2D)</pre>
 * Exact because Δ(a·v) = v̄·Δa + Δv·s/2, Δv = ρ·Δmean(a²), Δmean(a²) = Σ s_i·Δa_i/D,
 * and Σ s_i = 0 turns Δa into Δx in both sums. One pass per row in double (as ND4J ops it was ~20 passes over
 * fresh arrays, 7% of an attribution on BERT-base, profiled).
 */
final class DeepLiftLayerNormRule implements LayerNormRule {
    @Override
    public INDArray backward(INDArray g, INDArray x, INDArray x0, INDArray gamma, double eps) {
        RowAccess gr = RowAccess.of(g), xr = RowAccess.of(x), x0r = RowAccess.of(x0);
        int n = xr.rows, dim = xr.width, k = gr.rows / n;
        double[] gam = DenseValues.of(gamma);
        INDArray out = Nd4j.createUninitialized(g.dataType(), g.shape(), 'c');
        RowAccess outr = RowAccess.of(out);
        Kernels.forRows(n, (long) (2 + 2 * k) * dim, (from, to) -> {
            double[] a = new double[dim], a0 = new double[dim], gt = new double[dim];
            for (int r = from; r < to; r++) {
                xr.read(r, a);
                x0r.read(r, a0);
                double v = centreAndRstd(a, eps), v0 = centreAndRstd(a0, eps);
                double vBar = 0.5 * (v + v0), rho = -v * v * v0 * v0 / (v + v0);
                double[] s = a;                                  // s = a + a0, in place
                for (int j = 0; j < dim; j++) s[j] += a0[j];
                for (int b = 0; b < k; b++) {
                    gr.read(b * n + r, gt);
                    double sum = 0, proj = 0;
                    for (int j = 0; j < dim; j++) {
                        gt[j] *= gam[j];
                        sum += gt[j];
                        proj += gt[j] * s[j];
                    }
                    double mean = sum / dim, coeff = rho * proj / (2.0 * dim);
                    for (int j = 0; j < dim; j++) gt[j] = vBar * (gt[j] - mean) + coeff * s[j];
                    outr.write(b * n + r, gt);
                }
            }
        });
        return out;
    }

    /** Centres {@code row} in place and returns (mean(a²) + ε)^(−1/2) of the centred values a. */
    private static double centreAndRstd(double[] row, double eps) {
        double mean = 0;
        for (double x : row) mean += x;
        mean /= row.length;
        double sq = 0;
        for (int j = 0; j < row.length; j++) {
            row[j] -= mean;
            sq += row[j] * row[j];
        }
        return 1.0 / Math.sqrt(sq / row.length + eps);
    }
}
