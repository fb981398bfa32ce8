package org.bertology4j.core.deeplift;

import org.bertology4j.core.layers.Linear;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * On a purely linear network (dense, head split, scaling, head merge, dense, residual — the linear ops
 * of an attention block) DeepLIFT contributions equal gradient × Δ. The gradient is measured by finite
 * differences of the network itself, exact up to rounding for a linear map.
 */
class LinearNetworkTest {
    static final int T = 4, H = 6, HEADS = 2, D = H / HEADS;
    final Random rnd = new Random(11);
    final Linear first = Linear.fromOutIn(randn(H, H), randn(1, H));
    final Linear second = Linear.fromOutIn(randn(H, H), randn(1, H));
    final INDArray readout = randn(T, H);

    INDArray randn(long... shape) {
        long n = 1;
        for (long s : shape) n *= s;
        double[] v = new double[(int) n];
        for (int i = 0; i < v.length; i++) v[i] = rnd.nextGaussian();
        return Nd4j.create(v, shape, 'c');
    }

    /** y = Σ readout ⊙ (merge(split(first(x))/√d)·W2ᵀ + b2 + x). */
    double network(INDArray x) {
        INDArray heads = first.forward(x, null).reshape('c', T, HEADS, D).permute(1, 0, 2).dup('c').muli(1 / Math.sqrt(D));
        INDArray merged = heads.permute(1, 0, 2).dup('c').reshape('c', T, H);
        return second.forward(merged, null).addi(x).mul(readout).sumNumber().doubleValue();
    }

    /** DeepLIFT multipliers of x, with the same rules the propagator uses for these ops. */
    INDArray multipliers() {
        INDArray g = readout.dup();
        INDArray gMerged = LinearRule.backward(g, second);
        INDArray gHeads = gMerged.reshape('c', T, HEADS, D).permute(1, 0, 2).dup('c').muli(1 / Math.sqrt(D));
        INDArray gFirst = gHeads.permute(1, 0, 2).dup('c').reshape('c', T, H);
        return LinearRule.backward(gFirst, first).addi(g);
    }

    @Test
    void contributionsEqualGradientTimesDelta() {
        INDArray x = randn(T, H), x0 = randn(T, H), dx = x.sub(x0);
        INDArray m = multipliers();
        double total = 0;
        for (int t = 0; t < T; t++) {
            double contribution = m.getRow(t).mul(dx.getRow(t)).sumNumber().doubleValue(), gradTimesDelta = 0;
            for (int j = 0; j < H; j++) {
                INDArray p = x.dup(), q = x.dup();
                p.putScalar(t, j, x.getDouble(t, j) + 1);
                q.putScalar(t, j, x.getDouble(t, j) - 1);
                gradTimesDelta += (network(p) - network(q)) / 2 * dx.getDouble(t, j);
            }
            assertEquals(gradTimesDelta, contribution, 1e-10 * (1 + Math.abs(gradTimesDelta)), "token " + t);
            total += contribution;
        }
        assertEquals(network(x) - network(x0), total, 1e-10 * (1 + Math.abs(total)), "completeness");
    }
}
