package org.bertology4j.core.grad;

import org.bertology4j.core.layers.EncoderLayer;
import org.bertology4j.core.model.BertModel;
import org.bertology4j.core.model.BertWeights;
import org.bertology4j.core.model.ForwardTrace;
import org.bertology4j.core.model.LayerScratch;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;

/**
 * The hand-written reverse pass of BERT over a {@link ForwardTrace} that kept its caches
 * ({@code TraceOptions.keepCaches()}). Every op's vector-Jacobian product is written out in the layer
 * classes ({@code backward} next to {@code forward}); no automatic differentiation is used.
 */
public final class Backprop {
    private Backprop() {}

    /** Gradients of a loss (evaluated on the trace's last hidden state) w.r.t. inputs, and optionally more. */
    public static Gradients ofLoss(BertModel model, ForwardTrace trace, Loss loss, GradientRequest request) {
        return ofLoss(model, trace, loss, request, request.parameters() ? new ParameterGradients(model.weights()) : null);
    }

    /**
     * The same, adding the parameter gradients into {@code into} (from {@link ParameterGradients#of}, reused across
     * calls and {@link ParameterGradients#zero() zeroed} by the caller; as a trainer does); null when
     * {@code request} asks for no parameter gradients.
     */
    public static Gradients ofLoss(BertModel model, ForwardTrace trace, Loss loss, GradientRequest request, ParameterGradients into) {
        if (request.parameters() != (into != null)) {
            throw new IllegalArgumentException(request.parameters() ? "parameter gradients asked for but no accumulators given"
                    : "accumulators given but the request asks for no parameter gradients");
        }
        Loss.LossValue v = loss.evaluate(model, trace, into);
        return run(model, trace, v.dLastHidden(), request, into, v.value());
    }

    /**
     * Backward from a given cotangent of the last hidden state.
     *
     * @param dLastHidden dL/dh_L, [B, T, H] or [B·T, H]
     */
    public static Gradients fromLastHidden(BertModel model, ForwardTrace trace, INDArray dLastHidden, GradientRequest request) {
        ParameterGradients params = request.parameters() ? new ParameterGradients(model.weights()) : null;
        return run(model, trace, dLastHidden, request, params, Double.NaN);
    }

    private static Gradients run(BertModel model, ForwardTrace trace, INDArray dLast, GradientRequest request,
                                 ParameterGradients params, double lossValue) {
        BertWeights w = model.weights();
        int b = trace.batchSize(), t = trace.seqLen(), h = model.config().hiddenSize(), layers = trace.numLayers();
        INDArray g = rows(dLast, b, t, h).castTo(model.dataType());
        INDArray[] hidden = new INDArray[layers + 1];
        INDArray[] attention = new INDArray[layers];
        hidden[layers] = g;
        for (int l = layers - 1; l >= 0; l--) {
            EncoderLayer layer = w.layer(l);
            EncoderLayer.Derived d = layer.derive(trace.cache(l), trace.options().interventions(l));
            INDArray[] dProbs = request.attention() ? new INDArray[1] : null;
            // The layer's temporaries live in reused scratch memory (fresh off-heap memory page-faults); what
            // leaves the layer is copied out. Parameter gradients accumulate into arrays made outside.
            try (MemoryWorkspace scratch = LayerScratch.open()) {
                g = layer.backward(g, b, t, d, params == null ? null : params.layer(l), dProbs).detach();
                if (dProbs != null) attention[l] = dProbs[0].detach();
            }
            hidden[l] = g;
        }
        INDArray dSum = w.embeddings().backward(g, b, t, trace.embeddingsCache(), params == null ? null : params.embeddings());
        return new Gradients(lossValue, hidden, attention, dSum, params, b, t);
    }

    /** A cotangent as 'c' rows [B·T, H], checking its shape against the trace. */
    static INDArray rows(INDArray d, int b, int t, int h) {
        long[] s = d.shape();
        boolean ok = (d.rank() == 3 && s[0] == b && s[1] == t && s[2] == h) || (d.rank() == 2 && s[0] == (long) b * t && s[1] == h);
        if (!ok) {
            throw new IllegalArgumentException("cotangent of the last hidden state must be [" + b + ", " + t + ", " + h
                    + "] (or [" + (b * t) + ", " + h + "]), got " + Arrays.toString(s));
        }
        return d.dup('c').reshape('c', (long) b * t, h);
    }
}
