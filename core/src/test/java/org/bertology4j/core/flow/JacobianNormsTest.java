package org.bertology4j.core.flow;

import org.bertology4j.core.TinyModels;
import org.bertology4j.core.layers.SelfAttention;
import org.bertology4j.core.model.BertInput;
import org.bertology4j.core.model.BertModel;
import org.bertology4j.core.model.ForwardTrace;
import org.bertology4j.core.model.TraceOptions;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * G / G* / Frobenius norms on a tiny float64 BERT: the batched row-cotangent path against one cotangent at a
 * time, against explicit finite-difference Jacobians, and the random-probe estimator against the exact value.
 */
class JacobianNormsTest {
    final BertModel model = BertModel.random(TinyModels.tiny(), 11, DataType.DOUBLE);
    final JacobianNorms norms = new JacobianNorms(model);

    /** 7 tokens, the last two padding. */
    static BertInput padded() {
        return BertInput.of(new int[][]{{2, 17, 9, 33, 3, 0, 0}}, new int[][]{{0, 0, 0, 1, 1, 0, 0}}, new int[][]{{1, 1, 1, 1, 1, 0, 0}});
    }

    static BertInput plain() { return BertInput.of(new int[][]{{2, 5, 44, 12, 3}}); }

    @Test
    void batchedEqualsOneCotangentAtATime() {
        for (TraceOptions extra : List.of(TraceOptions.none(), TraceOptions.builder().disableHead(1, 2).maskHead(0, 3).build())) {
            for (BertInput in : List.of(plain(), padded())) {
                TraceOptions.Builder b = TraceOptions.builder().keepCaches().keepAttention();
                extra.intervenedLayers().forEach(l -> extra.interventions(l).forEach(iv -> {
                    if (iv.kind() == org.bertology4j.core.layers.HeadIntervention.Kind.DISABLE) b.disableHead(l, iv.head());
                    else b.maskHead(l, iv.head());
                }));
                ForwardTrace tr = model.forward(in, b.build());
                double[][][] g = norms.gradient(tr, JacobianNorms.Measure.ONES_VJP);
                double[][][] gs = norms.gradientFromEmbeddings(tr, JacobianNorms.Measure.ONES_VJP);
                for (int n = 0; n < tr.numLayers(); n++) {
                    assertClose("G_" + n, OneCotangentAtATime.flow(model, tr, n, n), g[n], 1e-11);
                    assertClose("G*_" + n, OneCotangentAtATime.flow(model, tr, n, 0), gs[n], 1e-11);
                }
                assertClose("G_0 = G*_0", g[0], gs[0], 1e-12);
            }
        }
    }

    @Test
    void equalsExplicitFiniteDifferenceJacobian() {
        BertInput in = padded();
        ForwardTrace tr = model.forward(in, TraceOptions.builder().keepCaches().keepHiddenStates().keepAttention().build());
        int t = in.seqLen(), h = model.config().hiddenSize(), layers = model.config().numHiddenLayers();
        double[][][] g = norms.gradient(tr, JacobianNorms.Measure.ONES_VJP);
        double[][][] gs = norms.gradientFromEmbeddings(tr, JacobianNorms.Measure.ONES_VJP);
        double[][][] gf = norms.gradient(tr, JacobianNorms.Measure.FROBENIUS_EXACT);
        for (int n = 0; n < layers; n++) {
            for (int bottom : new int[]{n, 0}) {
                double[][][][] jac = jacobian(in, tr, n, bottom);             // [t2][t1][i out][j in]
                double[][] ones = new double[t][t], frob = new double[t][t];
                for (int t2 = 0; t2 < t; t2++) {
                    for (int t1 = 0; t1 < t; t1++) {
                        double s2 = 0, f2 = 0;
                        for (int j = 0; j < h; j++) {
                            double col = 0;
                            for (int i = 0; i < h; i++) {
                                col += jac[t2][t1][i][j];
                                f2 += jac[t2][t1][i][j] * jac[t2][t1][i][j];
                            }
                            s2 += col * col;
                        }
                        ones[t2][t1] = Math.sqrt(s2);
                        frob[t2][t1] = Math.sqrt(f2);
                    }
                }
                assertClose((bottom == n ? "G_" : "G*_") + n + " vs finite differences", ones, bottom == n ? g[n] : gs[n], 1e-6);
                if (bottom == n) assertClose("Frobenius G_" + n + " vs finite differences", frob, gf[n], 1e-6);
                else assertClose("Frobenius G*_" + n + " vs finite differences", frob, norms.frobeniusExact(tr, n, 0), 1e-6);
            }
        }
    }

    @Test
    void estimatorMatchesExactWithinErrorBars() {
        ForwardTrace tr = norms.forward(plain());
        int layers = model.config().numHiddenLayers();
        for (JacobianNorms.Probe probe : JacobianNorms.Probe.values()) {
            for (int n = 0; n < layers; n++) {
                double[][] exact = norms.frobeniusExact(tr, n, 0);
                JacobianNorms.FrobeniusEstimate est = norms.frobeniusEstimate(tr, n, 0, 300, probe, 1234 + n);
                double z2 = 0;
                int pairs = 0;
                for (int t2 = 0; t2 < exact.length; t2++) {
                    for (int t1 = 0; t1 < exact.length; t1++) {
                        double e2 = exact[t2][t1] * exact[t2][t1];
                        double se = est.standardError()[t2][t1];
                        assertTrue(se > 0 && se < e2, "SE " + se + " should be positive and below the value " + e2);
                        double z = (est.squaredNorm()[t2][t1] - e2) / se;
                        if (Math.abs(z) > 4.5) fail(probe + " layer " + n + " (" + t2 + "," + t1 + "): z = " + z);
                        z2 += z * z;
                        pairs++;
                    }
                }
                // z-scores of an unbiased estimator have mean square ≈ 1 (loose bounds: pairs share probes).
                double ms = z2 / pairs;
                assertTrue(ms > 0.2 && ms < 3, probe + " layer " + n + ": mean squared z " + ms);
            }
        }
    }

    @Test
    void attentionMapIsMeanOverHeadsInStudyOrientation() {
        ForwardTrace tr = norms.forward(padded());
        double[][][] a = JacobianNorms.attention(tr);
        INDArray p = tr.attention(1, 0);
        double mean = 0;
        for (int k = 0; k < 4; k++) mean += p.getDouble(k, 2, 1) / 4;   // head k, query 2, key 1
        assertEquals(mean, a[1][2][1], 1e-15);
        for (double[] row : a[0]) assertEquals(0.0, row[6], 0.0, "attention to padding");
    }

    @Test
    void wordLevelSumsSourcesAndAveragesTargets() {
        double[][][] m = {{{1, 2, 3}, {4, 5, 6}, {7, 8, 9}}};
        double[][][] w = JacobianNorms.toWords(m, new int[]{0, 1, 1}, 2);
        assertEquals(1, w[0][0][0], 0);
        assertEquals(5, w[0][0][1], 0);                    // 2 + 3
        assertEquals((4 + 7) / 2.0, w[0][1][0], 0);
        assertEquals((5 + 6 + 8 + 9) / 2.0, w[0][1][1], 0);
        assertThrows(IllegalArgumentException.class, () -> JacobianNorms.toWords(m, new int[]{0, 2, 1}, 2));
    }

    @Test
    void clearErrors() {
        assertThrows(IllegalArgumentException.class, () -> norms.forward(BertInput.of(new int[][]{{2, 3}, {2, 4}})));
        ForwardTrace tr = norms.forward(plain());
        assertThrows(IndexOutOfBoundsException.class, () -> norms.frobeniusExact(tr, 2, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> norms.frobeniusExact(tr, 1, 2));
        LayerVjp vjp = new LayerVjp(model, tr);
        assertThrows(IllegalArgumentException.class, () -> vjp.rowCotangents(0, new int[]{1}, Nd4j.ones(DataType.DOUBLE, 1, 8)));
        IllegalStateException s = assertThrows(IllegalStateException.class, () -> norms.gradient(model.forward(plain()), JacobianNorms.Measure.ONES_VJP));
        assertTrue(s.getMessage().contains("keepCaches()"), s.getMessage());
    }

    /** ∂h_{top+1}[t2]_i / ∂h_bottom[t1]_j by central differences, running the layers directly. */
    private double[][][][] jacobian(BertInput in, ForwardTrace tr, int top, int bottom) {
        int t = in.seqLen(), h = model.config().hiddenSize();
        INDArray real = Nd4j.create(new double[][]{toDouble(in.attentionMask()[0])});
        INDArray addMask = real.rsub(1.0).muli(SelfAttention.MASK_VALUE);
        INDArray base = tr.hidden(bottom).dup('c').reshape('c', t, h);
        double[][][][] jac = new double[t][t][h][h];
        double eps = 1e-5;
        for (int t1 = 0; t1 < t; t1++) {
            for (int j = 0; j < h; j++) {
                double old = base.getDouble(t1, j);
                base.putScalar(t1, j, old + eps);
                double[][] plus = run(base, bottom, top, t, addMask, real);
                base.putScalar(t1, j, old - eps);
                double[][] minus = run(base, bottom, top, t, addMask, real);
                base.putScalar(t1, j, old);
                for (int t2 = 0; t2 < t; t2++) for (int i = 0; i < h; i++) jac[t2][t1][i][j] = (plus[t2][i] - minus[t2][i]) / (2 * eps);
            }
        }
        return jac;
    }

    private double[][] run(INDArray x, int bottom, int top, int t, INDArray addMask, INDArray real) {
        INDArray y = x;
        for (int l = bottom; l <= top; l++) y = model.weights().layer(l).forward(y, 1, t, addMask, real, List.of(), null, null);
        return y.toDoubleMatrix();
    }

    private static double[] toDouble(int[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) d[i] = a[i];
        return d;
    }

    /** Max |a−e| relative to max |e|. */
    static void assertClose(String what, double[][] expected, double[][] actual, double rel) {
        double max = 0, diff = 0;
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < expected[i].length; j++) {
                max = Math.max(max, Math.abs(expected[i][j]));
                diff = Math.max(diff, Math.abs(expected[i][j] - actual[i][j]));
            }
        }
        assertTrue(max > 0, what + ": all zero");
        if (!(diff <= rel * max)) fail(what + ": max diff " + diff + " > " + rel + " × " + max);
    }
}
