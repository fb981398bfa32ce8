package org.bertology4j.core.attribution;

import org.bertology4j.core.deeplift.Attribution;
import org.bertology4j.core.deeplift.DeepLift;
import org.bertology4j.core.deeplift.Reference;
import org.bertology4j.core.deeplift.Target;
import org.bertology4j.core.model.BertInput;
import org.bertology4j.core.model.BertModel;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.bertology4j.core.attribution.AttributionFixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Integrated gradients: completeness (the gap shrinks with the steps, Gauss-Legendre far faster than Riemann sums),
 * the same Δ as DeepLIFT on the same reference, zeros for unchanged tokens, averages, linearity in the target, and
 * the one-step rule reducing to gradient × input.
 */
class IntegratedGradientsTest {
    final BertModel model = model();
    final IntegratedGradients ig = new IntegratedGradients(model, SPECIAL);

    @Test
    void completenessGapVanishesWithTheStepsGaussLegendreFirst() {
        BertInput in = paddedPair();
        for (Target target : targets()) {
            double previous = Double.POSITIVE_INFINITY;
            for (int m : new int[]{2, 4, 8, 16}) {
                IntegratedGradients.Result gl = ig.attribute(in, Reference.pad(), target, Quadrature.gaussLegendre(m));
                IntegratedGradients.Result trap = ig.attribute(in, Reference.pad(), target, Quadrature.riemann(m, Quadrature.Riemann.TRAPEZOID));
                System.out.printf("IG %s, %2d steps: relative gap gauss-legendre %.2e, riemann-trapezoid %.2e%n",
                        target, m, gl.relativeResidual(), trap.relativeResidual());
                assertEquals(gl.delta(), gl.targetInput() - gl.targetReference(), 0);
                assertTrue(gl.relativeResidual() <= previous * 1.0001 || gl.relativeResidual() < 1e-12, target + ": gap grew at " + m + " steps");
                previous = gl.relativeResidual();
                if (m == 16) {
                    assertTrue(gl.relativeResidual() < 1e-6, target + ": 16-point Gauss-Legendre gap " + gl.relativeResidual());
                    assertTrue(gl.relativeResidual() < trap.relativeResidual(), target + ": Gauss-Legendre not better than the trapezoid");
                }
            }
        }
    }

    @Test
    void explainsTheSameDeltaAsDeepLift() {
        BertInput in = paddedPair();
        DeepLift dl = new DeepLift(model, SPECIAL);
        for (Reference ref : List.of(Reference.pad(), Reference.mask(), Reference.zeroEmbedding())) {
            for (Target target : targets()) {
                Attribution d = dl.attribute(in, ref, target);
                IntegratedGradients.Result r = ig.attribute(in, ref, target, Quadrature.gaussLegendre(16));
                assertEquals(d.targetInput(), r.targetInput(), 1e-10 * (1 + Math.abs(d.targetInput())), ref + " " + target);
                assertEquals(d.targetReference(), r.targetReference(), 1e-10 * (1 + Math.abs(d.targetReference())), ref + " " + target);
                assertEquals(d.target().toString(), r.target().toString());
            }
        }
    }

    @Test
    void tokensEqualToTheReferenceGetExactlyZero() {
        IntegratedGradients.Result r = ig.attribute(paddedPair(), Reference.pad(), Target.maskedLm(2, 13), Quadrature.gaussLegendre(4));
        for (int t : new int[]{0, 4, 7, 8, 9}) assertEquals(0.0, r.tokenScores()[t], 0.0, "kept token " + t);
        for (int t : new int[]{1, 2, 3, 5, 6}) assertTrue(r.tokenScores()[t] != 0, "changed token " + t);
    }

    @Test
    void averageReferenceIsTheMeanAndTargetsCombineLinearly() {
        BertInput in = paddedPair();
        Quadrature q = Quadrature.gaussLegendre(6);
        Target a = Target.maskedLm(2, 13), b = Target.classLogit(1);
        IntegratedGradients.Result pad = ig.attribute(in, Reference.pad(), a, q), mask = ig.attribute(in, Reference.mask(), a, q);
        IntegratedGradients.Result avg = ig.attribute(in, Reference.average(Reference.pad(), Reference.mask()), a, q);
        IntegratedGradients.Result rb = ig.attribute(in, Reference.pad(), b, q);
        IntegratedGradients.Result combo = ig.attribute(in, Reference.pad(), a.times(2).plus(b.times(-0.5)), q);
        for (int t = 0; t < in.seqLen(); t++) {
            assertEquals((pad.tokenScores()[t] + mask.tokenScores()[t]) / 2, avg.tokenScores()[t], 1e-12, "average, token " + t);
            assertEquals(2 * pad.tokenScores()[t] - 0.5 * rb.tokenScores()[t], combo.tokenScores()[t], 1e-10, "combination, token " + t);
        }
        assertEquals((pad.targetReference() + mask.targetReference()) / 2, avg.targetReference(), 1e-12);
    }

    @Test
    void oneRightEndStepFromZeroVectorsIsGradientTimesInput() {
        BertInput in = paddedPair();
        Target target = Target.maskedLm(2, 13);
        IntegratedGradients.Result one = ig.attribute(in, Reference.zeroEmbedding(), target, Quadrature.riemann(1, Quadrature.Riemann.RIGHT));
        GradientTimesInput.Result gi = new GradientTimesInput(model).attribute(in, target);
        for (int t : new int[]{1, 2, 3, 5, 6}) assertEquals(gi.tokenScores()[t], one.tokenScores()[t], 1e-12, "content token " + t);
        assertEquals(3, one.forwards() - 1);   // the point, input and reference, plus the resolving pass
    }

    @Test
    void quadratureRulesIntegratePolynomials() {
        // m-point Gauss-Legendre is exact to degree 2m-1; the trapezoid only to degree 1
        Quadrature gl = Quadrature.gaussLegendre(4), trap = Quadrature.riemann(4, Quadrature.Riemann.TRAPEZOID);
        assertEquals(1.0 / 8, integrate(gl, 7), 1e-15);
        assertEquals(0.5, integrate(trap, 1), 1e-15);
        assertTrue(Math.abs(integrate(trap, 2) - 1.0 / 3) > 1e-3);
        for (Quadrature q : List.of(gl, trap, Quadrature.riemann(5, Quadrature.Riemann.LEFT), Quadrature.of("riemann-middle", 3))) {
            assertEquals(1.0, sum(q.weights()), 1e-14, q.toString());
        }
    }

    private static double integrate(Quadrature q, int degree) {
        double s = 0;
        for (int k = 0; k < q.steps(); k++) s += q.weights()[k] * Math.pow(q.nodes()[k], degree);
        return s;
    }
}
