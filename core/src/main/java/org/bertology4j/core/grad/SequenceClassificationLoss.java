package org.bertology4j.core.grad;

import org.bertology4j.core.layers.Linear;
import org.bertology4j.core.model.BertModel;
import org.bertology4j.core.model.ForwardTrace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Sequence classification cross-entropy (classifier on the pooled [CLS] output), mean over the batch.
 * Pooler VJP: d(pre) = d(pooled)·(1 − pooled²).
 */
public final class SequenceClassificationLoss implements Loss {
    private final int[] labels;

    /** @param labels one class per batch item */
    public SequenceClassificationLoss(int[] labels) { this.labels = labels.clone(); }

    @Override
    public LossValue evaluate(BertModel model, ForwardTrace trace, ParameterGradients params) {
        var w = model.weights();
        if (w.pooler() == null || w.classifier() == null) throw new IllegalStateException("the model has no SEQUENCE_CLASSIFICATION head");
        int b = trace.batchSize(), t = trace.seqLen();
        if (labels.length != b) throw new IllegalArgumentException(labels.length + " labels for a batch of " + b);
        int[] cls = new int[b];
        for (int i = 0; i < b; i++) cls[i] = i * t;
        INDArray x = Nd4j.pullRows(trace.lastHiddenRows(), 1, cls);
        Linear.Cache pc = new Linear.Cache(), cc = new Linear.Cache();
        INDArray pooled = Transforms.tanh(w.pooler().dense().forward(x, pc), true);
        INDArray logits = w.classifier().forward(pooled, cc);
        CrossEntropy.Result ce = CrossEntropy.of(logits, labels, "classification loss");
        INDArray dLogits = ce.dLogits().divi(b);
        INDArray dPooled = w.classifier().backward(dLogits, cc, params == null ? null : params.linearHead("classifier", w.classifier()));
        INDArray dPre = dPooled.muli(pooled.mul(pooled).rsubi(1.0));
        INDArray dX = w.pooler().dense().backward(dPre, pc, params == null ? null : params.linearHead("bert.pooler.dense", w.pooler().dense()));
        INDArray dH = Nd4j.zeros(x.dataType(), (long) b * t, x.size(1));
        for (int i = 0; i < b; i++) dH.getRow(cls[i]).addi(dX.getRow(i));
        return new LossValue(ce.sum() / b, dH);
    }
}
