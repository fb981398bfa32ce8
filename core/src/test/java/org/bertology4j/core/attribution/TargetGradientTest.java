package org.bertology4j.core.attribution;

import org.bertology4j.core.deeplift.Target;
import org.bertology4j.core.model.BertInput;
import org.bertology4j.core.model.BertModel;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Random;

import static org.bertology4j.core.attribution.AttributionFixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The seed of every gradient method: head VJPs composed with the engine's backward, against finite differences. */
class TargetGradientTest {
    final BertModel model = model();

    @Test
    void wordVectorGradientsMatchCentralDifferences() {
        BertInput in = paddedPair();
        INDArray x = PathGradients.inputWords(model, in);
        Random rnd = new Random(3);
        for (Target target : targets()) {
            Target resolved = PathGradients.resolve(model, in, target, x);
            // the path integral with one right-end point is the gradient at x
            double[][] g = PathGradients.integrate(model, in, resolved, x, x.mul(0), Quadrature.riemann(1, Quadrature.Riemann.RIGHT));
            for (int k = 0; k < 12; k++) {
                int t = rnd.nextInt(8), h = rnd.nextInt(CFG.hiddenSize());
                double eps = 1e-5;
                INDArray plus = x.dup(), minus = x.dup();
                plus.putScalar(t, h, x.getDouble(t, h) + eps);
                minus.putScalar(t, h, x.getDouble(t, h) - eps);
                double fd = (value(model, in, resolved, plus) - value(model, in, resolved, minus)) / (2 * eps);
                assertEquals(fd, g[t][h], 1e-7 * (1 + Math.abs(fd)), resolved + " d/de[" + t + "][" + h + "]");
            }
        }
    }

    @Test
    void badTargetsAreNamed() {
        BertInput in = paddedPair();
        GradientTimesInput gi = new GradientTimesInput(model);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> gi.attribute(in, Target.maskedLm(10, 5)))
                .getMessage().contains("position outside the sequence of length 10"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> gi.attribute(in, Target.maskedLm(1, CFG.vocabSize())))
                .getMessage().contains("outside the vocabulary"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> gi.attribute(in, Target.classLogit(99)))
                .getMessage().contains("labels"));
    }
}
