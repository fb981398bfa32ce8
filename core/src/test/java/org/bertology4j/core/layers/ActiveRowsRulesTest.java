package org.bertology4j.core.layers;

import org.bertology4j.core.TinyModels;
import org.bertology4j.core.model.BertInput;
import org.bertology4j.core.model.BertModel;
import org.bertology4j.core.model.ForwardTrace;
import org.bertology4j.core.model.TraceOptions;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rules on a layer's non-zero cotangent rows give what the plain rules give on all rows: the input gradient,
 * every parameter gradient and dL/dP, in float64, with padding and head interventions in the layer.
 */
class ActiveRowsRulesTest {
    final BertModel model = BertModel.random(TinyModels.tiny(), 5, DataType.DOUBLE);

    @Test
    void fewRowsEqualAllRows() {
        BertInput in = BertInput.of(new int[][]{{2, 17, 9, 33, 3, 0, 0, 0}, {2, 5, 44, 12, 40, 8, 21, 3}},
                new int[][]{{0, 0, 0, 1, 1, 0, 0, 0}, {0, 0, 0, 0, 1, 1, 1, 1}},
                new int[][]{{1, 1, 1, 1, 1, 0, 0, 0}, {1, 1, 1, 1, 1, 1, 1, 1}});
        int top = model.config().numHiddenLayers() - 1, b = 2, t = 8, h = model.config().hiddenSize();
        for (TraceOptions extra : List.of(TraceOptions.builder().keepCaches().build(),
                TraceOptions.builder().keepCaches().disableHead(top, 1).maskHead(top, 2).build())) {
            ForwardTrace tr = model.forward(in, extra);
            EncoderLayer layer = model.weights().layer(top);
            EncoderLayer.Derived d = layer.derive(tr.cache(top), tr.options().interventions(top));
            Nd4j.getRandom().setSeed(3);
            INDArray dy = Nd4j.zeros(DataType.DOUBLE, (long) b * t, h);
            for (int row : new int[]{2, 9, 13}) dy.getRow(row).assign(Nd4j.randn(DataType.DOUBLE, h));

            EncoderLayer.Grad gAll = new EncoderLayer.Grad(layer), gRows = new EncoderLayer.Grad(layer);
            INDArray[] pAll = new INDArray[1], pRows = new INDArray[1];
            INDArray dxAll = layer.backward(dy.dup(), layer.vjp(d, b, t, gAll, pAll));
            LayerRules<INDArray, INDArray> rows = layer.vjp(d, b, t, gRows, pRows).forCotangent(dy);
            assertInstanceOf(ActiveRowsRules.class, rows, "3 of 16 rows are non-zero");
            INDArray dxRows = layer.backward(dy.dup(), rows);

            assertClose("input gradient", dxAll, dxRows);
            assertClose("dL/dP", pAll[0], pRows[0]);
            List<INDArray> a = gAll.arrays(), r = gRows.arrays();
            assertEquals(a.size(), r.size());
            for (int i = 0; i < a.size(); i++) assertClose("parameter gradient " + i, a.get(i), r.get(i));
        }
    }

    @Test
    void denseCotangentsKeepThePlainRules() {
        ForwardTrace tr = model.forward(BertInput.of(new int[][]{{2, 17, 9, 33, 3}}), TraceOptions.builder().keepCaches().build());
        EncoderLayer layer = model.weights().layer(0);
        VjpRules plain = layer.vjp(layer.derive(tr.cache(0), List.of()), 1, 5, null, null);
        INDArray dy = Nd4j.zeros(DataType.DOUBLE, 5, model.config().hiddenSize());
        dy.getRow(1).assign(1);
        dy.getRow(3).assign(2);
        assertSame(plain, plain.forCotangent(dy), "2 of 5 rows are more than a quarter");
        assertSame(plain, plain.forCotangent(Nd4j.zeros(DataType.DOUBLE, 5, model.config().hiddenSize())), "all zero");
    }

    private static void assertClose(String what, INDArray expected, INDArray actual) {
        double scale = Math.max(1e-12, expected.amaxNumber().doubleValue());
        double diff = expected.sub(actual).amaxNumber().doubleValue();
        assertTrue(diff <= 1e-12 * scale, what + ": max difference " + diff + " (scale " + scale + ")");
    }
}
