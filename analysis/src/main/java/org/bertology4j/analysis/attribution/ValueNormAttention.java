package org.bertology4j.analysis.attribution;

import org.bertology4j.core.layers.Linear;
import org.bertology4j.core.model.BertModel;
import org.bertology4j.core.model.ForwardTrace;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Norm-based attention (Kobayashi et al. 2020, "Attention is not only a weight"): the attention sublayer's output for
 * token i is Σ_h Σ_j α_h[i][j]·f_h(x_j) + b_O, with f_h(x) = (x·W_V^h + b_V^h)·W_O^h the value vector of head h
 * carried through its block of the output projection. The weight α alone ignores how large f_h(x_j) is; the norm
 * ‖Σ_h α_h[i][j]·f_h(x_j)‖ measures what token j actually adds to token i ({@link #of}: per layer, [L][T][T]), and
 * ‖α_h[i][j]·f_h(x_j)‖ what it adds through one head ({@link #perHead}: [L][H][T][T]). Rows are not distributions.
 * Needs a trace with hidden states and attention.
 */
public final class ValueNormAttention {
    private ValueNormAttention() {}

    /**
     * ‖Σ_h α_h[i][j] f_h(x_j)‖ for every layer, for batch item {@code item}'s first {@code length} tokens.
     *
     * @param trace a forward of {@code model} with {@code keepHiddenStates()} and {@code keepAttention()}
     */
    public static double[][][] of(BertModel model, ForwardTrace trace, int item, int length) {
        int layers = trace.numLayers(), hidden = model.config().hiddenSize(), heads = model.config().numAttentionHeads();
        double[][][] out = new double[layers][length][length];
        for (int n = 0; n < layers; n++) {
            double[][][] f = transformedValues(model, trace, n, item, length);
            INDArray att = trace.attention(n, item).castTo(DataType.DOUBLE);                          // [heads, T, T]
            double[] sum = new double[hidden];
            for (int i = 0; i < length; i++) {
                for (int j = 0; j < length; j++) {
                    java.util.Arrays.fill(sum, 0);
                    for (int h = 0; h < heads; h++) {
                        double a = att.getDouble(h, i, j);
                        double[] fj = f[h][j];
                        for (int k = 0; k < hidden; k++) sum[k] += a * fj[k];
                    }
                    double s = 0;
                    for (double c : sum) s += c * c;
                    out[n][i][j] = Math.sqrt(s);
                }
            }
        }
        return out;
    }

    /**
     * ‖α_h[i][j] f_h(x_j)‖ = α_h[i][j]·‖f_h(x_j)‖ for every layer and head (Kobayashi et al.'s head-level analysis),
     * [L][H][T][T], for batch item {@code item}'s first {@code length} tokens.
     *
     * @param trace a forward of {@code model} with {@code keepHiddenStates()} and {@code keepAttention()}
     */
    public static double[][][][] perHead(BertModel model, ForwardTrace trace, int item, int length) {
        int layers = trace.numLayers(), heads = model.config().numAttentionHeads();
        double[][][][] out = new double[layers][heads][length][length];
        for (int n = 0; n < layers; n++) {
            double[][][] f = transformedValues(model, trace, n, item, length);
            INDArray att = trace.attention(n, item).castTo(DataType.DOUBLE);                          // [heads, T, T]
            for (int h = 0; h < heads; h++) {
                double[] norm = new double[length];
                for (int j = 0; j < length; j++) {
                    double s = 0;
                    for (double c : f[h][j]) s += c * c;
                    norm[j] = Math.sqrt(s);
                }
                for (int i = 0; i < length; i++) {
                    for (int j = 0; j < length; j++) out[n][h][i][j] = att.getDouble(h, i, j) * norm[j];
                }
            }
        }
        return out;
    }

    /** f_h(x_j) of layer {@code n}: [head][token j][hidden], the value vectors through each head's block of W_O. */
    private static double[][][] transformedValues(BertModel model, ForwardTrace trace, int n, int item, int length) {
        int hidden = model.config().hiddenSize(), heads = model.config().numAttentionHeads();
        int d = hidden / heads;
        INDArray x = trace.hidden(n).get(NDArrayIndex.point(item), NDArrayIndex.interval(0, length), NDArrayIndex.all())
                .castTo(DataType.DOUBLE);                                                              // [T, H]
        Linear qkv = model.weights().layer(n).attention().qkv(), o = model.weights().layer(n).attention().output();
        INDArray wv = qkv.weightT().get(NDArrayIndex.all(), NDArrayIndex.interval(2L * hidden, 3L * hidden)).castTo(DataType.DOUBLE);
        INDArray bv = qkv.bias().get(NDArrayIndex.interval(2L * hidden, 3L * hidden)).castTo(DataType.DOUBLE);
        INDArray v = x.mmul(wv).addiRowVector(bv);                                                     // [T, H], heads side by side
        INDArray wo = o.weightT().castTo(DataType.DOUBLE);                                             // [H (heads' concat), H]
        double[][][] f = new double[heads][][];
        for (int h = 0; h < heads; h++) {
            INDArray vh = v.get(NDArrayIndex.all(), NDArrayIndex.interval((long) h * d, (long) (h + 1) * d));
            INDArray woh = wo.get(NDArrayIndex.interval((long) h * d, (long) (h + 1) * d), NDArrayIndex.all());
            f[h] = vh.mmul(woh).toDoubleMatrix();
        }
        return f;
    }
}
