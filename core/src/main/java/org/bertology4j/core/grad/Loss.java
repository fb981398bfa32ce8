package org.bertology4j.core.grad;

import org.bertology4j.core.model.BertModel;
import org.bertology4j.core.model.ForwardTrace;

/**
 * A training loss on top of the encoder: evaluates a head on the trace's last hidden state and returns the
 * loss with its gradient w.r.t. h_L. Implementations: {@link MaskedLmLoss}, {@link SequenceClassificationLoss},
 * {@link SpanLoss}, {@link TokenClassificationLoss}.
 */
public interface Loss {
    /**
     * @param params head parameter gradients are accumulated here when non-null
     * @return loss value and dL/dh_L as [B·T, H] rows
     */
    LossValue evaluate(BertModel model, ForwardTrace trace, ParameterGradients params);

    /** A loss value and its gradient w.r.t. the last hidden state rows [B·T, H]. */
    record LossValue(double value, org.nd4j.linalg.api.ndarray.INDArray dLastHidden) {}
}
