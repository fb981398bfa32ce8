package org.bertology4j.core.flow;

import org.bertology4j.core.model.BertModel;
import org.bertology4j.core.model.ForwardTrace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The naive twin of {@link JacobianNorms}' batched, row-sparse G: one ones-cotangent at a time, zero-padded to all T
 * rows, through the generic gradient rules (K = 1, dense rows) from layer {@code top}'s output to layer
 * {@code bottom}'s input; [t2][t1].
 */
final class OneCotangentAtATime {
    private OneCotangentAtATime() {}

    static double[][] flow(BertModel model, ForwardTrace trace, int top, int bottom) {
        LayerVjp vjp = new LayerVjp(model, trace);
        int t = vjp.seqLen(), h = vjp.hidden();
        double[][] out = new double[t][];
        for (int t2 = 0; t2 < t; t2++) {
            INDArray cot = Nd4j.zeros(model.dataType(), t, h);
            cot.getRow(t2).assign(1);
            INDArray g = vjp.back(top, bottom, cot);
            out[t2] = g.mul(g).sum(1).toDoubleVector();
            for (int t1 = 0; t1 < t; t1++) out[t2][t1] = Math.sqrt(out[t2][t1]);
        }
        return out;
    }
}
