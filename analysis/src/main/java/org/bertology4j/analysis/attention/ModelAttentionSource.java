package org.bertology4j.analysis.attention;

import org.bertology4j.core.model.BertInput;
import org.bertology4j.core.model.BertModel;
import org.bertology4j.core.model.ForwardTrace;
import org.bertology4j.core.model.TraceOptions;
import org.bertology4j.tokenizer.Encoding;
import org.nd4j.linalg.api.ndarray.INDArray;

/** {@link AttentionSource} backed by the ND4J engine: one forward pass keeping every layer's attention. */
public final class ModelAttentionSource implements AttentionSource {
    private final BertModel model;
    private final TraceOptions options;

    public ModelAttentionSource(BertModel model) {
        this(model, TraceOptions.builder().keepAttention().build());
    }

    /** With custom trace options (e.g. disabled heads); attention is always kept. */
    public ModelAttentionSource(BertModel model, TraceOptions options) {
        if (!options.keepAttention()) throw new IllegalArgumentException("trace options must keep attention");
        this.model = model;
        this.options = options;
    }

    @Override
    public SentenceAttention attend(Encoding encoding) {
        ForwardTrace trace = model.forward(BertInput.of(encoding), options);
        return new SentenceAttention(attentionOf(trace, 0));
    }

    /** All layers' attention of one batch item as float[layer][head][from][to]. */
    public static float[][][][] attentionOf(ForwardTrace trace, int batchIndex) {
        int layers = trace.numLayers();
        float[][][][] out = new float[layers][][][];
        for (int l = 0; l < layers; l++) out[l] = headMaps(trace.attention(l, batchIndex));
        return out;
    }

    /** A [heads, T, T] array (attention or its gradient) as float[head][from][to]. */
    public static float[][][] headMaps(INDArray a) {
        int heads = (int) a.size(0), t = (int) a.size(1);
        float[] flat = a.dup('c').castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).data().asFloat();
        float[][][] out = new float[heads][t][t];
        for (int h = 0; h < heads; h++) {
            for (int i = 0; i < t; i++) System.arraycopy(flat, (h * t + i) * t, out[h][i], 0, t);
        }
        return out;
    }
}
