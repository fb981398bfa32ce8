package org.bertology4j.core.grad;

import org.bertology4j.core.layers.Embeddings;
import org.bertology4j.core.layers.EncoderLayer;
import org.bertology4j.core.layers.LayerRules;
import org.bertology4j.core.layers.RuleSet;
import org.bertology4j.core.layers.VjpRules;
import org.bertology4j.core.model.BertInput;
import org.bertology4j.core.model.BertModel;
import org.bertology4j.core.model.ForwardTrace;
import org.bertology4j.core.model.TraceOptions;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;

/**
 * The hand-written reverse pass of BERT over a {@link ForwardTrace} that kept its caches
 * ({@code TraceOptions.keepCaches()}). Every op's vector-Jacobian product is written out in the layer
 * classes ({@code backward} next to {@code forward}); no automatic differentiation is used.
 */
public final class Backprop {
    private final BertModel model;

    /** Gradients over {@code model} (the same call style as {@code JacobianNorms} and {@code DeepLift}). */
    public Backprop(BertModel model) { this.model = model; }

    public BertModel model() { return model; }

    /**
     * Runs the forward pass (keeping caches) and the backward pass of {@code loss} on one input: the counterpart of
     * {@code JacobianNorms.compute(input, measure)} and {@code DeepLift.attribute(input, ...)}.
     */
    public Gradients compute(BertInput input, Loss loss, GradientRequest request) {
        return compute(model.forward(input, TraceOptions.builder().keepCaches().build()), loss, request);
    }

    /**
     * The same from a forward pass that kept its caches ({@code TraceOptions.keepCaches()}): gradients of a loss
     * (evaluated on the trace's last hidden state) w.r.t. inputs, and as requested attention and parameters.
     */
    public Gradients compute(ForwardTrace trace, Loss loss, GradientRequest request) {
        return compute(trace, loss, request, request.parameters() ? new ParameterGradients(model.weights()) : null);
    }

    /**
     * The same, adding the parameter gradients into {@code into} (from {@link ParameterGradients#of}, reused across
     * calls and {@link ParameterGradients#zero() zeroed} by the caller; as a trainer does); null when
     * {@code request} asks for no parameter gradients.
     */
    public Gradients compute(ForwardTrace trace, Loss loss, GradientRequest request, ParameterGradients into) {
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
    public Gradients fromLastHidden(ForwardTrace trace, INDArray dLastHidden, GradientRequest request) {
        ParameterGradients params = request.parameters() ? new ParameterGradients(model.weights()) : null;
        return run(model, trace, dLastHidden, request, params, Double.NaN);
    }

    private static Gradients run(BertModel model, ForwardTrace trace, INDArray dLast, GradientRequest request,
                                 ParameterGradients params, double lossValue) {
        int b = trace.batchSize(), t = trace.seqLen(), h = model.config().hiddenSize(), layers = trace.numLayers();
        INDArray g = rows(dLast, b, t, h).castTo(model.dataType());
        INDArray[] hidden = new INDArray[layers + 1];
        INDArray[] attention = new INDArray[layers];
        hidden[layers] = g;
        INDArray dSum = backward(model, trace, g, params == null ? null : params::layer,
                params == null ? null : params.embeddings(), hidden, request.attention() ? attention : null);
        List<INDArray> hiddenStates = new ArrayList<>();
        for (INDArray rows : hidden) hiddenStates.add(rows.reshape('c', b, t, h));
        return new Gradients(lossValue, hiddenStates, request.attention() ? Arrays.asList(attention) : List.of(),
                dSum.reshape('c', b, t, h), params);
    }

    private static INDArray backward(BertModel model, ForwardTrace trace, INDArray g, IntFunction<EncoderLayer.Grad> layerGrads,
                                     Embeddings.Grad embeddingGrads, INDArray[] hidden, INDArray[] attention) {
        int b = trace.batchSize(), t = trace.seqLen(), layers = trace.numLayers();
        g = model.backward(g, layers - 1, 0, new RuleSet<INDArray, INDArray>() {
            private INDArray[] dProbs;

            @Override
            public VjpRules layer(int l) {
                EncoderLayer layer = model.weights().layer(l);
                dProbs = attention == null ? null : new INDArray[1];
                return layer.vjp(layer.derive(trace.cache(l), trace.options().interventions(l)), b, t,
                        layerGrads == null ? null : layerGrads.apply(l), dProbs);
            }

            @Override
            public INDArray cross(int l, EncoderLayer layer, LayerRules<INDArray, INDArray> rules, INDArray g) {
                // In scratch memory: what leaves the layer is copied out; parameter gradients accumulate into arrays
                // made outside. (Not leverage(): in ND4J 1.0.0-M2.1 it copies into a buffer of the default type, float,
                // which garbles a double model's arrays.)
                // a loss at a few positions leaves the top layer's row-wise ops a few rows (VjpRules.forCotangent)
                INDArray out = layer.backward(g, ((VjpRules) rules).forCotangent(g)).detach();
                if (dProbs != null) attention[l] = dProbs[0].detach();
                return out;
            }

            @Override
            public boolean inScratch() { return true; }

            @Override
            public void atHidden(int l, INDArray g) { if (hidden != null) hidden[l] = g; }
        });
        return model.weights().embeddings().backward(g, b, t, trace.embeddingsCache(), embeddingGrads);
    }

    /** A cotangent as 'c' rows [B·T, H], checking its shape against the trace. */
    static INDArray rows(INDArray d, int b, int t, int h) {
        long[] s = d.shape();
        boolean ok = (d.rank() == 3 && s[0] == b && s[1] == t && s[2] == h) || (d.rank() == 2 && s[0] == (long) b * t && s[1] == h);
        if (!ok) {
            throw new IllegalArgumentException("cotangent of the last hidden state must be [" + b + ", " + t + ", " + h
                    + "] (or [" + (b * t) + ", " + h + "]), got " + Arrays.toString(s));
        }
        // a fresh dense array, not a view of one: the fused kernels take only non-views, and a view here once sent the
        // top layer's LayerNorm VJP down the ND4J op chain, whose float32 rounding differed from the fused kernel's
        return d.reshape('c', (long) b * t, h).dup('c');
    }
}
