package org.bertology4j.analysis.attribution;

import org.bertology4j.core.model.BertInput;
import org.bertology4j.core.model.BertModel;
import org.bertology4j.core.model.ForwardTrace;
import org.bertology4j.core.model.TraceOptions;
import org.bertology4j.weights.BertConfig;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Rollout and flow on hand-computed two-layer networks, and their defining properties on a real forward. */
class AttentionRolloutAndFlowTest {
    // Â_1 (bottom) and Â_2 (top), already mixed with the residual
    private static final double[][] A1 = {{0.6, 0.4}, {0.3, 0.7}};
    private static final double[][] A2 = {{0.5, 0.5}, {0.0, 1.0}};

    @Test
    void handComputedTwoLayers() {
        ResidualAttention a = ResidualAttention.mixed(new double[][][]{A1, A2});
        // rollout: Â_2 · Â_1
        double[][] r = AttentionRollout.of(a).top();
        assertEquals(0.5 * 0.6 + 0.5 * 0.3, r[0][0], 1e-15);
        assertEquals(0.5 * 0.4 + 0.5 * 0.7, r[0][1], 1e-15);
        assertEquals(0.3, r[1][0], 1e-15);
        // flow from input 0 to top token 0: two disjoint paths, min(.5, .6) + min(.5, .3)
        AttentionFlow f = AttentionFlow.of(a);
        assertEquals(0.8, f.at(0, 0), 1e-12);
        assertEquals(0.4 + 0.5, f.at(0, 1), 1e-12);
        // top token 1 reaches the bottom only through middle token 1 (capacity 1): flow = Â_1[1][j]
        assertEquals(0.3, f.at(1, 0), 1e-12);
        assertEquals(0.7, f.at(1, 1), 1e-12);
        // after one layer both are the layer's map itself
        assertEquals(0.4, AttentionFlow.of(a, 1).at(0, 1), 1e-12);
        assertEquals(0.4, AttentionRollout.of(a).afterLayer(1)[0][1], 1e-15);
    }

    @Test
    void theResidualIsMixedInAndBadMapsAreRefused() {
        ResidualAttention a = ResidualAttention.of(new double[][][]{{{0.2, 0.8}, {1.0, 0.0}}});
        assertEquals(0.6, a.at(0, 0, 0), 1e-15);
        assertEquals(0.4, a.at(0, 0, 1), 1e-15);
        assertEquals(0.5, a.at(0, 1, 0), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> ResidualAttention.of(new double[][][]{{{0.2, 0.2}, {1.0, 0.0}}}));
        assertThrows(IllegalArgumentException.class, () -> ResidualAttention.of(new double[][][]{{{-0.2, 1.2}, {1.0, 0.0}}}));
    }

    /** On a real forward (tiny random BERT): rollout rows are distributions; flows lie in [0, 1] and dominate the best path. */
    @Test
    void propertiesOnAForwardPass() {
        BertModel m = BertModel.random(new BertConfig(60, 16, 3, 4, 32, "gelu", 20, 2, 1e-12, 0), 5, DataType.DOUBLE);
        int[][] ids = new int[1][9];
        Random r = new Random(2);
        for (int j = 0; j < 9; j++) ids[0][j] = 5 + r.nextInt(50);
        ForwardTrace trace = m.forward(BertInput.of(ids), TraceOptions.builder().keepAttention().build());
        ResidualAttention a = ResidualAttention.of(trace, 0, 9);
        double[][] roll = AttentionRollout.of(a).top();
        AttentionFlow flow = AttentionFlow.of(a);
        for (int i = 0; i < 9; i++) {
            double sum = 0;
            for (int j = 0; j < 9; j++) {
                sum += roll[i][j];
                double f = flow.at(i, j);
                assertTrue(f >= -1e-12 && f <= 1 + 1e-12, "flow " + f);
                assertTrue(f + 1e-12 >= bestPath(a, i, j), "flow is at least the widest single path");
            }
            assertEquals(1.0, sum, 1e-12, "rollout row " + i);
        }
    }

    /** The widest path's bottleneck from top token i to input j (brute force over the middle tokens). */
    private static double bestPath(ResidualAttention a, int i, int j) {
        int t = a.tokens(), l = a.layers();
        double[] width = new double[t];
        for (int k = 0; k < t; k++) width[k] = k == i ? Double.MAX_VALUE : 0;
        for (int n = l - 1; n >= 0; n--) {
            double[] next = new double[t];
            for (int u = 0; u < t; u++) for (int v = 0; v < t; v++) next[v] = Math.max(next[v], Math.min(width[u], a.at(n, u, v)));
            width = next;
        }
        return width[j];
    }
}
