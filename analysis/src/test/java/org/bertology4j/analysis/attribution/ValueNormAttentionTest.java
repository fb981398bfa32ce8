package org.bertology4j.analysis.attribution;

import org.bertology4j.core.layers.Linear;
import org.bertology4j.core.model.BertInput;
import org.bertology4j.core.model.BertModel;
import org.bertology4j.core.model.ForwardTrace;
import org.bertology4j.core.model.TraceOptions;
import org.bertology4j.weights.BertConfig;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * ‖Σ_h α_h f_h(x_j)‖ and the per-head ‖α_h f_h(x_j)‖ against a scalar-loop implementation of the same definitions
 * (second batch item, padded batch).
 */
class ValueNormAttentionTest {
    @Test
    void bothEqualTheirDefinitionsElementByElement() {
        BertConfig c = new BertConfig(40, 8, 2, 2, 16, "gelu", 12, 2, 1e-12, 0);
        BertModel m = BertModel.random(c, 9, DataType.DOUBLE);
        BertInput in = BertInput.padded(new int[][]{{2, 7, 9, 11, 3}, {2, 5, 6, 3}});
        ForwardTrace t = m.forward(in, TraceOptions.builder().keepHiddenStates().keepAttention().build());
        double[][][] norms = ValueNormAttention.of(m, t, 1, 4);
        double[][][][] perHead = ValueNormAttention.perHead(m, t, 1, 4);
        int hd = 8, heads = 2, d = 4;
        for (int n = 0; n < 2; n++) {
            INDArray x = t.hidden(n);
            Linear qkv = m.weights().layer(n).attention().qkv(), o = m.weights().layer(n).attention().output();
            INDArray att = t.attention(n);
            for (int i = 0; i < 4; i++) {
                for (int j = 0; j < 4; j++) {
                    double[] sum = new double[hd];
                    for (int h = 0; h < heads; h++) {
                        double[] v = new double[d];
                        for (int e = 0; e < d; e++) {
                            double s = qkv.bias().getDouble(2 * hd + h * d + e);
                            for (int k = 0; k < hd; k++) s += x.getDouble(1, j, k) * qkv.weightT().getDouble(k, 2 * hd + h * d + e);
                            v[e] = s;
                        }
                        double headNorm = 0;
                        for (int k = 0; k < hd; k++) {
                            double f = 0;
                            for (int e = 0; e < d; e++) f += v[e] * o.weightT().getDouble(h * d + e, k);
                            sum[k] += att.getDouble(1, h, i, j) * f;
                            headNorm += Math.pow(att.getDouble(1, h, i, j) * f, 2);
                        }
                        assertEquals(Math.sqrt(headNorm), perHead[n][h][i][j], 1e-12, "layer " + n + " head " + h + " [" + i + "][" + j + "]");
                    }
                    double norm = 0;
                    for (double s : sum) norm += s * s;
                    assertEquals(Math.sqrt(norm), norms[n][i][j], 1e-12, "layer " + n + " [" + i + "][" + j + "]");
                }
            }
        }
    }
}
