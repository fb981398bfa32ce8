package org.bertology4j.core.flow;

import org.bertology4j.core.model.BertInput;
import org.bertology4j.core.model.BertModel;
import org.bertology4j.core.model.ForwardTrace;
import org.bertology4j.weights.ModelCache;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Real BERT-base (float32): G_n from the batched row-cotangent path equals the one-cotangent path. */
@Tag("real-model")
class RealBertJacobianNormsTest {
    static BertModel model;

    @BeforeAll
    static void load() {
        model = BertModel.load(ModelCache.defaultCache().resolve("bert-base-uncased"));
    }

    @Test
    void batchedGEqualsOneCotangentAtATime() {
        // [CLS] the cat sat on the mat . [SEP] (bert-base-uncased ids)
        BertInput in = BertInput.of(new int[][]{{101, 1996, 4937, 2938, 2006, 1996, 13523, 1012, 102}});
        JacobianNorms norms = new JacobianNorms(model);
        ForwardTrace tr = norms.forward(in);
        double[][][] g = norms.gradient(tr, JacobianNorms.Measure.ONES_VJP);
        for (int n = 0; n < tr.numLayers(); n++) {
            double[][] ref = OneCotangentAtATime.flow(model, tr, n, n);
            double max = 0, diff = 0;
            for (int i = 0; i < ref.length; i++) {
                for (int j = 0; j < ref.length; j++) {
                    max = Math.max(max, Math.abs(ref[i][j]));
                    diff = Math.max(diff, Math.abs(ref[i][j] - g[n][i][j]));
                }
            }
            assertTrue(max > 0 && diff <= 1e-5 * max, "layer " + n + ": max diff " + diff + " vs max " + max);
        }
    }
}
