package org.bertology4j.core.deeplift;

import org.bertology4j.core.layers.LayerNorm;
import org.bertology4j.core.layers.Linear;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.Random;
import java.util.function.DoubleUnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Per-op completeness Σ m·Δx = Δy in float64 for every rule, with several cotangents, including rows
 * whose input equals the reference, masked softmax entries and tiny Δx; and the negative control:
 * the plain gradients of softmax and LayerNorm are not complete.
 */
class RuleCompletenessTest {
    static final double TOL = 1e-10;
    final Random rnd = new Random(7);

    INDArray randn(double scale, long... shape) {
        long n = 1;
        for (long s : shape) n *= s;
        double[] v = new double[(int) n];
        for (int i = 0; i < v.length; i++) v[i] = scale * rnd.nextGaussian();
        return Nd4j.create(v, shape, 'c');
    }

    /**
     * Relative completeness error of each of the K cotangent blocks: |Σ gx·Δx − Σ gy·Δy| / Σ|gy·Δy|
     * (the scale of the terms, so that a cancelling sum is not divided by ~0).
     */
    static double worstRelativeError(INDArray gx, INDArray dx, INDArray gy, INDArray dy, int k) {
        double worst = 0;
        INDArray gx2 = gx.reshape('c', k, -1), gy2 = gy.reshape('c', k, -1);
        INDArray dx1 = dx.reshape('c', 1, -1), dy1 = dy.reshape('c', 1, -1);
        for (int i = 0; i < k; i++) {
            double lhs = gx2.getRow(i).reshape(1, -1).mul(dx1).sumNumber().doubleValue();
            INDArray t = gy2.getRow(i).reshape(1, -1).mul(dy1);
            double rhs = t.sumNumber().doubleValue();
            double scale = Transforms.abs(t, true).sumNumber().doubleValue();
            assertTrue(scale > 1e-6, "test needs a non-trivial Δy");
            worst = Math.max(worst, Math.abs(lhs - rhs) / scale);
        }
        return worst;
    }

    @Test
    void linearRuleIsComplete() {
        Linear lin = Linear.fromOutIn(randn(0.3, 7, 5), randn(1, 7));
        INDArray x = randn(1, 6, 5), x0 = randn(1, 6, 5), g = randn(1, 3 * 6, 7);
        INDArray dy = lin.forward(x, null).sub(lin.forward(x0, null));
        INDArray gx = LinearRule.backward(g, lin);
        assertTrue(worstRelativeError(gx, x.sub(x0), g, dy, 3) < TOL);
    }

    @Test
    void layerNormRuleIsCompleteAndPlainGradientIsNot() {
        int n = 5, d = 12, k = 3;
        LayerNorm ln = new LayerNorm(randn(0.3, d).addi(1), randn(0.1, d), 1e-12);
        INDArray x = randn(2, n, d).addi(3), x0 = randn(1, n, d);
        x0.getRow(1).assign(x.getRow(1)); // one row equal to its reference
        INDArray g = randn(1, k * n, d);
        INDArray dy = ln.forward(x, null).sub(ln.forward(x0, null));
        INDArray gx = new DeepLiftLayerNormRule().backward(g, x, x0, ln.gamma(), ln.eps());
        assertTrue(worstRelativeError(gx, x.sub(x0), g, dy, k) < TOL, "DeepLIFT LayerNorm rule");
        INDArray plain = new GradientLayerNormRule().backward(g, x, x0, ln.gamma(), ln.eps());
        assertTrue(worstRelativeError(plain, x.sub(x0), g, dy, k) > 1e-3, "plain gradient should not be complete");
    }

    @Test
    void layerNormRuleEqualsGradientWhenReferenceEqualsInput() {
        int n = 3, d = 8;
        INDArray x = randn(1, n, d), gamma = randn(0.3, d).addi(1), g = randn(1, n, d);
        INDArray rule = new DeepLiftLayerNormRule().backward(g, x, x.dup(), gamma, 1e-12);
        INDArray grad = new GradientLayerNormRule().backward(g, x, x.dup(), gamma, 1e-12);
        assertTrue(rule.sub(grad).amaxNumber().doubleValue() < 1e-12, "x0 = x: the rule is the gradient");
    }

    @Test
    void softmaxRuleIsCompleteAndPlainGradientIsNot() {
        int rows = 6, t = 7, k = 2;
        INDArray z = randn(3, rows, t), z0 = randn(3, rows, t);
        z0.getRow(2).assign(z.getRow(2));                   // an unchanged row
        z0.putScalar(3, 4, z.getDouble(3, 4) + 1e-13);      // a nearly unchanged entry
        for (int r = 0; r < rows; r++) {                    // masked keys, as the engine's additive mask
            z.putScalar(r, t - 1, z.getDouble(r, t - 1) - 10000);
            z0.putScalar(r, t - 1, z0.getDouble(r, t - 1) - 10000);
        }
        z.getRow(4).addi(500);                              // large logits: the shared shift must cope
        INDArray y = softmax(z), y0 = softmax(z0), g = randn(1, k * rows, t);
        INDArray gz = new LogMeanSoftmaxRule().backward(g, z, z0, y, y0);
        assertTrue(worstRelativeError(gz, z.sub(z0), g, y.sub(y0), k) < TOL, "log-mean softmax rule");
        INDArray plain = new GradientSoftmaxRule().backward(g, z, z0, y, y0);
        assertTrue(worstRelativeError(plain, z.sub(z0), g, y.sub(y0), k) > 1e-3, "plain gradient should not be complete");
        for (int r = 0; r < k * rows; r++) assertEquals(0.0, gz.getDouble(r, t - 1), 0.0, "masked key multiplier");
    }

    static INDArray softmax(INDArray z) {
        INDArray y = z.dup('c');
        Nd4j.exec(new SoftMax(y, y, -1));
        return y;
    }

    @Test
    void rescaleIsCompleteIncludingTinyAndZeroDeltas() {
        checkRescale(x -> 0.5 * x * (1 + org.apache.commons.math3.special.Erf.erf(x / Math.sqrt(2))), Rescale.GELU_DERIVATIVE);
        checkRescale(Math::tanh, Rescale.TANH_DERIVATIVE);
        double c = Math.sqrt(2 / Math.PI);
        checkRescale(x -> 0.5 * x * (1 + Math.tanh(c * (x + 0.044715 * x * x * x))), Rescale.TANH_GELU_DERIVATIVE);
    }

    private void checkRescale(DoubleUnaryOperator f, DoubleUnaryOperator df) {
        INDArray x = randn(2, 4, 9), x0 = randn(2, 4, 9);
        x0.putScalar(0, 0, x.getDouble(0, 0));                  // Δx = 0
        x0.putScalar(1, 1, x.getDouble(1, 1) + 1e-12);          // tiny Δx: midpoint derivative
        INDArray y = apply(x, f), y0 = apply(x0, f);
        INDArray m = Rescale.multipliers(x, x0, y, y0, df);
        INDArray err = m.mul(x.sub(x0)).subi(y.sub(y0));
        assertTrue(err.amaxNumber().doubleValue() < 1e-15, "m·Δx = Δy elementwise, got " + err.amaxNumber());
        assertEquals(df.applyAsDouble(x.getDouble(0, 0)), m.getDouble(0, 0), 1e-15, "Δx = 0: derivative");
        double dx = 1e-6, slope = (f.applyAsDouble(0.3 + dx) - f.applyAsDouble(0.3 - dx)) / (2 * dx);
        assertEquals(slope, df.applyAsDouble(0.3), 1e-9, "derivative against a finite difference");
    }

    private static INDArray apply(INDArray x, DoubleUnaryOperator f) {
        double[] v = x.dup('c').data().asDouble();
        for (int i = 0; i < v.length; i++) v[i] = f.applyAsDouble(v[i]);
        return Nd4j.create(v, x.shape(), 'c');
    }

    @Test
    void midpointRuleIsCompleteForBothProducts() {
        int k = 2, heads = 3, t = 5, d = 4;
        INDArray q = randn(1, 1, heads, t, d), q0 = randn(1, 1, heads, t, d);
        INDArray kk = randn(1, 1, heads, t, d), k0 = randn(1, 1, heads, t, d);
        INDArray dS = MidpointProduct.matmul(q, kk, false, true).sub(MidpointProduct.matmul(q0, k0, false, true));
        INDArray gS = randn(1, k, heads, t, t);
        INDArray qBar = Nd4j.tile(MidpointProduct.mean(q, q0), k, 1, 1, 1), kBar = Nd4j.tile(MidpointProduct.mean(kk, k0), k, 1, 1, 1);
        INDArray gQ = MidpointProduct.matmul(gS, kBar, false, false), gK = MidpointProduct.gradRightTransposed(gS, qBar);
        double[] lhsQK = blockSums(gQ, q.sub(q0), k), lhsK = blockSums(gK, kk.sub(k0), k), rhsS = blockSums(gS, dS, k);
        for (int i = 0; i < k; i++) assertEquals(rhsS[i], lhsQK[i] + lhsK[i], TOL * Math.abs(rhsS[i]), "QKᵀ block " + i);

        INDArray p = randn(1, 1, heads, t, t), p0 = randn(1, 1, heads, t, t), v = randn(1, 1, heads, t, d), v0 = randn(1, 1, heads, t, d);
        INDArray dC = MidpointProduct.matmul(p, v, false, false).sub(MidpointProduct.matmul(p0, v0, false, false));
        INDArray gC = randn(1, k, heads, t, d);
        INDArray gP = MidpointProduct.gradLeft(gC, Nd4j.tile(MidpointProduct.mean(v, v0), k, 1, 1, 1));
        INDArray gV = MidpointProduct.gradRight(Nd4j.tile(MidpointProduct.mean(p, p0), k, 1, 1, 1), gC);
        double[] lp = blockSums(gP, p.sub(p0), k), lv = blockSums(gV, v.sub(v0), k), rc = blockSums(gC, dC, k);
        for (int i = 0; i < k; i++) assertEquals(rc[i], lp[i] + lv[i], TOL * Math.abs(rc[i]), "P·V block " + i);
    }

    /** Σ g·Δ for each of the K blocks of g, Δ broadcast over the blocks. */
    private static double[] blockSums(INDArray g, INDArray delta, int k) {
        INDArray g2 = g.reshape('c', k, -1), d1 = delta.reshape('c', 1, -1);
        double[] s = new double[k];
        for (int i = 0; i < k; i++) s[i] = g2.getRow(i).reshape(1, -1).mul(d1).sumNumber().doubleValue();
        return s;
    }

    @Test
    void logMeanIsAccurateAndSymmetric() {
        assertEquals(2.0, LogMean.withLogDifference(2.0, 2.0, 0.0), 0);
        assertEquals(0.0, LogMean.withLogDifference(0.0, 0.0, 3.5), 0, "both zero (masked): 0 whatever the difference");
        assertEquals(0.0, LogMean.withLogDifference(0.0, 0.0, 1e-9), 0);
        assertEquals((5.0 - 1.0) / Math.log(5.0), LogMean.withLogDifference(5.0, 1.0, Math.log(5.0)), 1e-15);
        assertEquals(LogMean.withLogDifference(1.0, 5.0, -Math.log(5.0)), LogMean.withLogDifference(5.0, 1.0, Math.log(5.0)), 1e-15);
        // Near-equal arguments: LM(q·e^u, q) = q(1 + u/2 + u²/6 + …).
        double q0 = 0.37, e = 1e-9;
        assertEquals(q0 * (1 + e / 2 + e * e / 6), LogMean.withLogDifference(q0 * Math.exp(e), q0, e), 1e-15 * q0);
        // Across the switch between the series and the secant: the log1p form (a few ulps) within 1e-12 relative.
        for (double x : new double[]{-2.0, 0.0, 1.3}) {
            for (double u : new double[]{1e-12, -3e-7, 5e-4, -9.99e-4, 1e-3, -1.001e-3, 0.02, -0.5, 3, 40}) {
                double p = Math.exp(x + u), q = Math.exp(x), expected = (p - q) / Math.log1p((p - q) / q);
                assertEquals(expected, LogMean.withLogDifference(p, q, u), 1e-12 * expected, "x = " + x + ", u = " + u);
            }
        }
    }

    @Test
    void rescaleScalesEveryCotangentBlockByTheMultipliers() {
        INDArray x = randn(2, 4, 9), x0 = randn(2, 4, 9);
        x0.putScalar(2, 3, x.getDouble(2, 3));                  // Δx = 0: the derivative
        INDArray y = apply(x, Math::tanh), y0 = apply(x0, Math::tanh);
        INDArray m = Rescale.multipliers(x, x0, y, y0, Rescale.TANH_DERIVATIVE);
        INDArray g = randn(1, 3 * 4, 9), expected = g.mul(Nd4j.tile(m, 3, 1));
        INDArray gC = g.dup('c');
        INDArray scaled = Rescale.scale(gC, x, x0, y, y0, Rescale.TANH_DERIVATIVE);
        assertIdentical(expected, scaled, "dense cotangents");
        assertTrue(scaled == gC, "dense cotangents are scaled in place");
        INDArray gF = g.dup('f');                                // not 'c': scaled in a dense copy, g untouched
        assertIdentical(expected, Rescale.scale(gF, x, x0, y, y0, Rescale.TANH_DERIVATIVE), "an 'f' cotangent array");
        assertIdentical(g, gF, "the 'f' input is not overwritten");
    }

    @Test
    void rulesReadItemRowsOfAStackedArrayInPlace() {
        int n = 5, d = 12, k = 2;
        INDArray stacked = randn(1, 3 * n, d), gamma = randn(0.3, d).addi(1), g = randn(1, k * n, d);
        INDArray x = stacked.get(NDArrayIndex.interval(0, n), NDArrayIndex.all());          // item 0: a view
        INDArray x0 = stacked.get(NDArrayIndex.interval(2 * n, 3 * n), NDArrayIndex.all()); // item 2: a view at an offset
        DeepLiftLayerNormRule ln = new DeepLiftLayerNormRule();
        assertIdentical(ln.backward(g, x.dup('c'), x0.dup('c'), gamma, 1e-12), ln.backward(g, x, x0, gamma, 1e-12), "LayerNorm");
        INDArray z = stacked.get(NDArrayIndex.interval(0, n), NDArrayIndex.interval(0, 7)); // rows with gaps: copied
        INDArray z0 = stacked.get(NDArrayIndex.interval(n, 2 * n), NDArrayIndex.interval(0, 7)), gz = randn(1, k * n, 7);
        LogMeanSoftmaxRule sm = new LogMeanSoftmaxRule();
        assertIdentical(sm.backward(gz, z.dup('c'), z0.dup('c'), null, null), sm.backward(gz, z, z0, null, null), "softmax");
    }

    /**
     * The Java rules compute in double whatever the arrays' type: on float arrays they give the double rule on the same
     * values, rounded to float.
     */
    @Test
    void floatRulesAreTheDoubleRulesRounded() {
        int n = 6, d = 16, k = 2;
        INDArray x = randn(2, n, d).castTo(DataType.FLOAT), x0 = randn(1, n, d).castTo(DataType.FLOAT);
        INDArray g = randn(1, k * n, d).castTo(DataType.FLOAT), gamma = randn(0.3, d).addi(1).castTo(DataType.FLOAT);
        INDArray y = apply(x.castTo(DataType.DOUBLE), Math::tanh).castTo(DataType.FLOAT);
        INDArray y0 = apply(x0.castTo(DataType.DOUBLE), Math::tanh).castTo(DataType.FLOAT);
        DeepLiftLayerNormRule ln = new DeepLiftLayerNormRule();
        LogMeanSoftmaxRule sm = new LogMeanSoftmaxRule();
        assertRounded(ln.backward(doubles(g), doubles(x), doubles(x0), doubles(gamma), 1e-12), ln.backward(g, x, x0, gamma, 1e-12));
        assertRounded(sm.backward(doubles(g), doubles(x), doubles(x0), null, null), sm.backward(g, x, x0, null, null));
        assertRounded(Rescale.scale(doubles(g), doubles(x), doubles(x0), doubles(y), doubles(y0), Rescale.TANH_DERIVATIVE),
                Rescale.scale(g.dup('c'), x, x0, y, y0, Rescale.TANH_DERIVATIVE));
    }

    private static INDArray doubles(INDArray a) { return a.castTo(DataType.DOUBLE); }

    private static void assertRounded(INDArray expected, INDArray actual) {
        assertEquals(DataType.FLOAT, actual.dataType());
        assertIdentical(expected.castTo(DataType.FLOAT), actual, "the double rule's values rounded to float");
    }

    /** Same shape and bit-for-bit the same values (INDArray.equals allows 1e-5). */
    private static void assertIdentical(INDArray expected, INDArray actual, String what) {
        assertEquals(java.util.Arrays.toString(expected.shape()), java.util.Arrays.toString(actual.shape()), what + ": shape");
        org.junit.jupiter.api.Assertions.assertArrayEquals(DenseValues.of(expected), DenseValues.of(actual), 0.0, what);
    }

    @Test
    void rulesWorkInFloat() {
        INDArray x = randn(1, 3, 8).castTo(DataType.FLOAT), x0 = randn(1, 3, 8).castTo(DataType.FLOAT);
        INDArray g = randn(1, 3, 8).castTo(DataType.FLOAT);
        INDArray gamma = Nd4j.ones(DataType.FLOAT, 8);
        assertEquals(DataType.FLOAT, new DeepLiftLayerNormRule().backward(g, x, x0, gamma, 1e-12).dataType());
        assertEquals(DataType.FLOAT, new LogMeanSoftmaxRule().backward(g, x, x0, softmax(x), softmax(x0)).dataType());
    }
}
