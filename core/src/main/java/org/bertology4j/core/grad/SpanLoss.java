package org.bertology4j.core.grad;

import org.bertology4j.core.heads.HeadType;
import org.bertology4j.core.layers.Linear;
import org.bertology4j.core.model.BertModel;
import org.bertology4j.core.model.ForwardTrace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Question-answering span loss as Hugging Face: (CE(start logits, start) + CE(end logits, end)) / 2,
 * each cross-entropy over all T positions of an item, mean over the batch.
 */
public final class SpanLoss implements Loss {
    private final int[] starts, ends;

    /** @param starts answer start position per item; @param ends answer end position per item */
    public SpanLoss(int[] starts, int[] ends) {
        if (starts.length != ends.length) throw new IllegalArgumentException(starts.length + " starts but " + ends.length + " ends");
        this.starts = starts.clone();
        this.ends = ends.clone();
    }

    @Override
    public LossValue evaluate(BertModel model, ForwardTrace trace, ParameterGradients params) {
        Linear qa = HeadType.QUESTION_ANSWERING.require(model.weights().qaOutputs());
        int b = Loss.perItem(trace, starts.length, "spans"), t = trace.seqLen();
        Linear.Cache lc = new Linear.Cache();
        INDArray logits = qa.forward(trace.lastHiddenRows(), lc);            // [B*T, 2]
        INDArray start = logits.getColumn(0).dup('c').reshape('c', b, t);
        INDArray end = logits.getColumn(1).dup('c').reshape('c', b, t);
        CrossEntropy.Result cs = CrossEntropy.of(start, starts, "QA start loss");
        CrossEntropy.Result ce = CrossEntropy.of(end, ends, "QA end loss");
        INDArray dLogits = Nd4j.create(logits.dataType(), new long[]{(long) b * t, 2}, 'c');
        dLogits.getColumn(0).assign(cs.dLogits().reshape(-1).divi(2.0 * b));
        dLogits.getColumn(1).assign(ce.dLogits().reshape(-1).divi(2.0 * b));
        INDArray dH = qa.backward(dLogits, lc, params == null ? null : params.linearHead("qa_outputs", qa));
        return new LossValue((cs.sum() + ce.sum()) / (2.0 * b), dH);
    }
}
