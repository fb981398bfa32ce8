package org.bertology4j.core.attribution;

import org.bertology4j.core.deeplift.Target;
import org.bertology4j.core.model.BertInput;
import org.bertology4j.core.model.BertModel;
import org.bertology4j.core.model.TraceOptions;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

import static org.bertology4j.core.attribution.AttributionFixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Attention × gradient: a head's entries sum to dF/dλ with that head's map replaced by λ·A (at λ = 1), and one entry
 * is A_ij times the derivative of F when A_ij alone moves (both by central differences through the engine's
 * attention-replacement intervention).
 */
class AttentionTimesGradientTest {
    final BertModel model = model();

    @Test
    void entriesAreFirstOrderChangesOfTheAttentionMaps() {
        BertInput in = paddedPair();
        AttentionTimesGradient ag = new AttentionTimesGradient(model);
        INDArray[] maps = new INDArray[CFG.numHiddenLayers()];
        var trace = model.forward(in, TraceOptions.builder().keepAttention().build());
        for (int l = 0; l < maps.length; l++) maps[l] = trace.attention(l, 0);
        double eps = 1e-6;
        for (Target target : targets()) {
            AttentionTimesGradient.Result r = ag.attribute(in, target);
            for (int l = 0; l < maps.length; l++) {
                for (int h = 0; h < CFG.numAttentionHeads(); h++) {
                    INDArray a = maps[l].get(NDArrayIndex.point(h), NDArrayIndex.all(), NDArrayIndex.all()).dup('c');
                    double fd = (value(model, in, r.target(), TraceOptions.builder().replaceAttention(l, h, a.mul(1 + eps)).build())
                            - value(model, in, r.target(), TraceOptions.builder().replaceAttention(l, h, a.mul(1 - eps)).build())) / (2 * eps);
                    double sum = 0;
                    for (double[] row : r.headMaps()[l][h]) sum += sum(row);
                    assertEquals(fd, sum, 1e-7 * (1 + Math.abs(fd)), target + ": layer " + l + " head " + h);
                }
            }
            int l = 1, h = 2, i = 3, j = 1;
            INDArray a = maps[l].get(NDArrayIndex.point(h), NDArrayIndex.all(), NDArrayIndex.all()).dup('c');
            INDArray plus = a.dup(), minus = a.dup();
            plus.putScalar(i, j, a.getDouble(i, j) + eps);
            minus.putScalar(i, j, a.getDouble(i, j) - eps);
            double fd = (value(model, in, r.target(), TraceOptions.builder().replaceAttention(l, h, plus).build())
                    - value(model, in, r.target(), TraceOptions.builder().replaceAttention(l, h, minus).build())) / (2 * eps);
            assertEquals(a.getDouble(i, j) * fd, r.headMaps()[l][h][i][j], 1e-8 * (1 + Math.abs(fd)), target + ": one entry");
        }
    }
}
