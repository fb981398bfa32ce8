package org.bertology4j.core.attribution;

import org.bertology4j.core.deeplift.Reference;
import org.bertology4j.core.embedding.Pooling;
import org.bertology4j.core.model.BertInput;
import org.bertology4j.core.model.BertModel;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.bertology4j.core.attribution.AttributionFixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Similarity attribution: the exact multipliers of cosine and dot product, DeepLIFT's completeness over both texts at
 * every layer (float64: 1e-10), integrated gradients converging to the same Δs, and the gradient it integrates.
 */
class SimilarityAttributionTest {
    final BertModel model = model();

    static BertInput textA() {
        return BertInput.of(new int[][]{{2, 7, 13, 21, 9, 3}}, new int[][]{{0, 0, 0, 0, 0, 0}}, new int[][]{{1, 1, 1, 1, 1, 1}});
    }

    static BertInput textB() {
        return BertInput.of(new int[][]{{2, 30, 13, 11, 3, 0, 0}}, new int[][]{{0, 0, 0, 0, 0, 0, 0}}, new int[][]{{1, 1, 1, 1, 1, 0, 0}});
    }

    @Test
    void multipliersAreExactForBothMeasures() {
        Random r = new Random(5);
        for (SimilarityAttribution.Measure m : SimilarityAttribution.Measure.values()) {
            SimilarityAttribution sim = new SimilarityAttribution(model, SPECIAL, Pooling.MEAN, m);
            for (int trial = 0; trial < 20; trial++) {
                double[] a = gauss(r, 16), a0 = gauss(r, 16), b = gauss(r, 16), b0 = gauss(r, 16);
                if (trial == 0) a0 = a.clone();                       // Δa = 0 for A
                if (trial == 1) for (int j = 0; j < 16; j++) a0[j] = 2 * a[j];  // same direction, other norm
                double[] ga = sim.multipliers(a, a0, b, b0), gb = sim.multipliers(b, b0, a, a0);
                double sum = 0;
                for (int j = 0; j < 16; j++) sum += ga[j] * (a[j] - a0[j]) + gb[j] * (b[j] - b0[j]);
                double delta = sim.value(a, b) - sim.value(a0, b0);
                assertEquals(delta, sum, 1e-13 * (1 + Math.abs(delta)), m + " trial " + trial);
            }
        }
    }

    @Test
    void deepLiftIsCompleteOverBothTextsAtEveryLayer() {
        for (Pooling pooling : Pooling.values()) {
            for (SimilarityAttribution.Measure m : SimilarityAttribution.Measure.values()) {
                SimilarityAttribution sim = new SimilarityAttribution(model, SPECIAL, pooling, m);
                for (Reference ref : new Reference[]{Reference.pad(), Reference.mask(), Reference.zeroEmbedding()}) {
                    SimilarityAttribution.DeepLiftResult d = sim.deepLift(textA(), textB(), ref);
                    String what = pooling + " " + m + " " + ref;
                    assertEquals(sim.similarity(textA(), textB()), d.similarity(), 1e-12, what);
                    assertTrue(Math.abs(d.delta()) > 1e-6, what + ": nothing to explain, delta " + d.delta());
                    assertEquals(d.delta(), d.a().delta() + d.b().delta(), 1e-12 * (1 + Math.abs(d.delta())), what + ": shares");
                    assertTrue(d.relativeResidual() < 1e-10, what + ": residual " + d.relativeResidual());
                    for (double res : d.relativeLayerResiduals()) assertTrue(res < 1e-10, what + ": layer residual " + res);
                    // padding and the kept [CLS]/[SEP] carry no Δ: exactly zero
                    assertEquals(0.0, d.a().tokenScores()[0], 0.0);
                    assertEquals(0.0, d.b().tokenScores()[5], 0.0);
                }
            }
        }
    }

    @Test
    void integratedGradientsConvergeToTheSameDelta() {
        SimilarityAttribution sim = new SimilarityAttribution(model, SPECIAL, Pooling.MEAN, SimilarityAttribution.Measure.COSINE);
        SimilarityAttribution.DeepLiftResult d = sim.deepLift(textA(), textB(), Reference.pad());
        double previous = Double.POSITIVE_INFINITY;
        for (int m : new int[]{2, 4, 8, 16}) {
            SimilarityAttribution.IgResult ig = sim.integratedGradients(textA(), textB(), Reference.pad(), Quadrature.gaussLegendre(m));
            assertEquals(d.delta(), ig.delta(), 1e-12);
            System.out.printf("similarity IG, %2d Gauss-Legendre points: relative gap %.2e%n", m, ig.relativeResidual());
            assertTrue(ig.relativeResidual() <= previous * 1.0001 || ig.relativeResidual() < 1e-12, "gap grew at " + m);
            previous = ig.relativeResidual();
        }
        assertTrue(previous < 1e-6, "16-point gap " + previous);
    }

    @Test
    void oneRightEndPointIsTheDerivativeAlongThePath() {
        // riemann-right with one point gives Σ_t Δx_t·∇s(x) over both texts = d/dλ s(x0 + λΔ) at λ = 1
        BertInput a = textA(), b = textB();
        for (SimilarityAttribution.Measure m : SimilarityAttribution.Measure.values()) {
            SimilarityAttribution sim = new SimilarityAttribution(model, SPECIAL, Pooling.CLS, m);
            SimilarityAttribution.IgResult one = sim.integratedGradients(a, b, Reference.pad(), Quadrature.riemann(1, Quadrature.Riemann.RIGHT));
            var xa = PathGradients.inputWords(model, a);
            var xb = PathGradients.inputWords(model, b);
            var xa0 = Reference.pad().wordVectors(model.weights(), a, SPECIAL);
            var xb0 = Reference.pad().wordVectors(model.weights(), b, SPECIAL);
            double eps = 1e-5;
            double up = sim.value(sim.pooled(a, xa0.add(xa.sub(xa0).mul(1 + eps))), sim.pooled(b, xb0.add(xb.sub(xb0).mul(1 + eps))));
            double down = sim.value(sim.pooled(a, xa0.add(xa.sub(xa0).mul(1 - eps))), sim.pooled(b, xb0.add(xb.sub(xb0).mul(1 - eps))));
            double fd = (up - down) / (2 * eps);
            double sumOne = sum(one.tokenScoresA()) + sum(one.tokenScoresB());
            assertEquals(fd, sumOne, 1e-7 * (1 + Math.abs(fd)), m + ": derivative along the path");
        }
    }

    private static double[] gauss(Random r, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = r.nextGaussian();
        return v;
    }
}
