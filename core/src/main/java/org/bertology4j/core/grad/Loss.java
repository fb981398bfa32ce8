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

    /**
     * For implementations: the trace's batch size, checking that {@code count} per-item values ({@code what}: labels,
     * spans, ...) were given for it.
     */
    static int perItem(ForwardTrace trace, int count, String what) {
        if (count != trace.batchSize()) throw new IllegalArgumentException(count + " " + what + " for a batch of " + trace.batchSize());
        return count;
    }

    /** A loss value and its gradient w.r.t. the last hidden state rows [B·T, H]. */
    record LossValue(double value, org.nd4j.linalg.api.ndarray.INDArray dLastHidden) {}
}
