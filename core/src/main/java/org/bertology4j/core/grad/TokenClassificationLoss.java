package org.bertology4j.core.grad;

import org.bertology4j.core.heads.HeadType;
import org.bertology4j.core.layers.Linear;
import org.bertology4j.core.model.BertModel;
import org.bertology4j.core.model.ForwardTrace;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Token classification cross-entropy (classifier on every token), mean over labelled tokens (label ≥ 0). */
public final class TokenClassificationLoss implements Loss {
    private final int[][] labels;

    /** @param labels [B][T] class per token; negative = ignored (padding, continuation pieces) */
    public TokenClassificationLoss(int[][] labels) { this.labels = labels.clone(); }

    @Override
    public LossValue evaluate(BertModel model, ForwardTrace trace, ParameterGradients params) {
        Linear c = HeadType.TOKEN_CLASSIFICATION.require(model.weights().classifier());
        int b = Loss.perItem(trace, labels.length, "label rows"), t = trace.seqLen();
        int[] flat = new int[b * t];
        for (int i = 0; i < b; i++) {
            if (labels[i].length != t) throw new IllegalArgumentException("label row " + i + " has " + labels[i].length + " entries, sequence length is " + t);
            System.arraycopy(labels[i], 0, flat, i * t, t);
        }
        Linear.Cache lc = new Linear.Cache();
        INDArray logits = c.forward(trace.lastHiddenRows(), lc);
        CrossEntropy.Result ce = CrossEntropy.of(logits, flat, "token classification loss");
        if (ce.counted() == 0) throw new IllegalArgumentException("token classification loss: no labelled token");
        INDArray dLogits = ce.dLogits().divi(ce.counted());
        INDArray dH = c.backward(dLogits, lc, params == null ? null : params.linearHead("classifier", c));
        return new LossValue(ce.sum() / ce.counted(), dH);
    }
}
