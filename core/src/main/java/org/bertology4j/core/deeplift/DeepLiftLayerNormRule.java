package org.bertology4j.core.deeplift;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The exact LayerNorm rule. Per row, a = x − mean(x), v = (mean(a²) + ε)^(−1/2), v̄ = (v + v0)/2,
 * s = a + a0, ρ = −v²·v0²/(v + v0); with g̃ = γ⊙g:
 * <pre>  g_x_j = v̄·(g̃_j − mean(g̃)) + ρ·s_j·Σ_i g̃_i·s_i / (2D)</pre>
 * Exact because Δ(a·v) = v̄·Δa + Δv·s/2, Δv = ρ·Δmean(a²), Δmean(a²) = Σ s_i·Δa_i/D,
 * and Σ s_i = 0 turns Δa into Δx in both sums.
 */
final class DeepLiftLayerNormRule implements LayerNormRule {
    @Override
    public INDArray backward(INDArray g, INDArray x, INDArray x0, INDArray gamma, double eps) {
        long n = x.size(0), dim = x.size(1);
        int k = (int) (g.size(0) / n);
        INDArray a = centred(x), a0 = centred(x0);
        INDArray v = rstd(a, eps), v0 = rstd(a0, eps);
        INDArray vBar = v.add(v0).muli(0.5);
        INDArray s = a.addi(a0);
        // ρ = −v²·v0²/(v + v0)
        INDArray rho = v.mul(v).muli(v0).muli(v0).divi(v.add(v0)).negi();
        INDArray gt = g.mulRowVector(gamma);
        INDArray sk = tile(s, k), vBark = tile(vBar, k), rhok = tile(rho, k);
        INDArray proj = gt.mul(sk).sum(1).reshape(g.size(0), 1).muli(rhok).divi(2.0 * dim);
        INDArray out = gt.subColumnVector(gt.mean(1).reshape(g.size(0), 1)).muliColumnVector(vBark);
        return out.addi(sk.mulColumnVector(proj));
    }

    static INDArray centred(INDArray x) {
        return x.subColumnVector(x.mean(1).reshape(x.size(0), 1));
    }

    static INDArray rstd(INDArray centred, double eps) {
        INDArray var = centred.mul(centred).mean(1).reshape(centred.size(0), 1);
        return Transforms.pow(var.addi(eps), -0.5, false);
    }

    static INDArray tile(INDArray a, int k) { return k == 1 ? a : Nd4j.tile(a, k, 1); }
}
