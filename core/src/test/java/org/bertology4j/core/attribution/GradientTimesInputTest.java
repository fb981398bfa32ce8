package org.bertology4j.core.attribution;

import org.bertology4j.core.deeplift.Target;
import org.bertology4j.core.model.BertInput;
import org.bertology4j.core.model.BertModel;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

import static org.bertology4j.core.attribution.AttributionFixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Gradient × input is the derivative of F along the word vectors themselves (Euler), per token and in total. */
class GradientTimesInputTest {
    final BertModel model = model();

    @Test
    void scoresAreDerivativesAlongTheWordVectors() {
        BertInput in = paddedPair();
        INDArray x = PathGradients.inputWords(model, in);
        GradientTimesInput gi = new GradientTimesInput(model);
        for (Target target : targets()) {
            GradientTimesInput.Result r = gi.attribute(in, target);
            assertEquals(value(model, in, r.target(), x), r.targetValue(), 1e-12);
            double eps = 1e-5;
            // all word vectors scaled by 1 ± eps: the sum of the scores
            double all = (value(model, in, r.target(), x.mul(1 + eps)) - value(model, in, r.target(), x.mul(1 - eps))) / (2 * eps);
            assertEquals(all, sum(r.tokenScores()), 1e-7 * (1 + Math.abs(all)), target + ": sum of scores");
            // one token's vector scaled: its score
            for (int t = 0; t < in.seqLen(); t++) {
                INDArray plus = x.dup(), minus = x.dup();
                plus.getRow(t).muli(1 + eps);
                minus.getRow(t).muli(1 - eps);
                double fd = (value(model, in, r.target(), plus) - value(model, in, r.target(), minus)) / (2 * eps);
                assertEquals(fd, r.tokenScores()[t], 1e-7 * (1 + Math.abs(fd)), target + ": token " + t);
            }
        }
    }
}
