package org.bertology4j.core;

import org.bertology4j.core.model.BertInput;
import org.bertology4j.core.model.BertModel;
import org.bertology4j.core.model.ForwardTrace;
import org.bertology4j.core.model.TraceOptions;
import org.bertology4j.weights.BertConfig;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The forward entries from word-embedding vectors and from a layer's hidden state give the very same numbers. */
class ForwardEntryTest {
    final BertConfig cfg = TinyModels.tiny();
    final BertInput in = ForwardVsReferenceTest.paddedBatch();

    @Test
    void fromWordVectorsEqualsFromIds() {
        for (DataType dt : new DataType[]{DataType.FLOAT, DataType.DOUBLE}) {
            BertModel model = BertModel.random(cfg, 5, dt);
            int b = in.batchSize(), t = in.seqLen();
            int[] ids = new int[b * t];
            for (int i = 0; i < b; i++) System.arraycopy(in.ids()[i], 0, ids, i * t, t);
            INDArray words = Nd4j.pullRows(model.weights().embeddings().wordEmbeddings(), 1, ids);
            ForwardTrace a = model.forward(in, whole()), e = model.forward(in, words, TraceOptions.none());
            assertExact(a.lastHidden(), e.lastHidden(), dt.toString());
        }
    }

    @Test
    void fromHiddenStateEqualsWholeForward() {
        BertModel model = BertModel.random(cfg, 5, DataType.FLOAT);
        TraceOptions disable = TraceOptions.builder().disableHead(1, 0).build();
        ForwardTrace whole = model.forward(in, TraceOptions.builder().keepHiddenStates().keepCaches().build());
        ForwardTrace intervened = model.forward(in, TraceOptions.builder().disableHead(1, 0).keepCaches().build());
        for (int l = 0; l <= cfg.numHiddenLayers(); l++) {
            assertExact(whole.lastHidden(), model.forwardFrom(l, whole.hidden(l), in, TraceOptions.none()).lastHidden(), "from layer " + l);
        }
        assertExact(intervened.lastHidden(), model.forwardFrom(1, whole.hidden(1), in, disable).lastHidden(), "disabled head");
        assertThrows(IllegalArgumentException.class, () -> model.forwardFrom(1, Nd4j.zeros(DataType.FLOAT, 2, 3), in, TraceOptions.none()));
    }

    /** Keeping caches runs the batch whole (not split over threads, whose row partition may round differently). */
    static TraceOptions whole() { return TraceOptions.builder().keepCaches().build(); }

    /** Bit for bit: the same arithmetic, not merely close. */
    static void assertExact(INDArray expected, INDArray actual, String what) {
        assertEquals(0.0, expected.castTo(DataType.DOUBLE).sub(actual.castTo(DataType.DOUBLE)).amaxNumber().doubleValue(), 0.0, what);
    }
}
